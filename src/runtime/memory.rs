//! The Runs tab's memory on disk: `<state dir>/tui-memory.json`, read at start and written
//! when the app asks ([`LoopEffect::Remember`](crate::app::LoopEffect)). It is a convenience:
//! a file that cannot be read or written is logged and forgotten, never an error on screen.

use std::path::{Path, PathBuf};

use crate::app::memory::Memory;

fn path() -> Option<PathBuf> {
    crate::config::state_dir().map(|d| d.join("tui-memory.json"))
}

/// What an earlier session remembered, if anything readable.
pub fn load() -> Option<Memory> {
    load_from(&path()?)
}

pub fn save(memory: &Memory) {
    if let Some(p) = path() {
        save_to(&p, memory);
    }
}

fn load_from(path: &Path) -> Option<Memory> {
    let text = std::fs::read_to_string(path).ok()?;
    Memory::from_json(&text)
        .map_err(
            |e| tracing::warn!(path = %path.display(), error = %e, "ignoring the TUI's memory"),
        )
        .ok()
}

fn save_to(path: &Path, memory: &Memory) {
    let write = || -> std::io::Result<()> {
        let text = serde_json::to_string_pretty(memory).map_err(std::io::Error::other)?;
        // Beside, then renamed: two sessions never leave a half-written file.
        crate::config::files::write_atomically(path, text.as_bytes())
    };
    if let Err(e) = write() {
        tracing::warn!(path = %path.display(), error = %e, "cannot write the TUI's memory");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_survives_a_restart_and_garbage_is_forgotten() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("state").join("tui-memory.json");
        assert_eq!(load_from(&p), None, "nothing yet");
        let mut m = Memory::default();
        m.push_filter("params.model_type = 'lgbm'");
        m.set_column_offset("MLflow at http://127.0.0.1:5000 · fraud-detection", 2);
        save_to(&p, &m);
        assert_eq!(load_from(&p), Some(m));
        std::fs::write(&p, "{\"filter_history\": 3").unwrap();
        assert_eq!(load_from(&p), None);
    }
}
