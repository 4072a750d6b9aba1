//! `clearance config path | check | init | schema`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{CliError, ConfigCommand, GlobalArgs, OK, error, out, print_json, refused};
use crate::config::path::ConfigPath;
use crate::config::{DEFAULTS, check, profiles};

/// The schema file `init` writes next to the config, which its `#:schema` line names.
pub const SCHEMA_FILE: &str = "config.schema.json";

pub fn run(global: &GlobalArgs, command: &ConfigCommand) -> Result<ExitCode, CliError> {
    let found = ConfigPath::find(global.config.as_deref());
    match command {
        ConfigCommand::Path => path(&found),
        ConfigCommand::Check => check(&found, global.profile.as_deref()),
        ConfigCommand::Init(args) => init(&found, args.force),
        ConfigCommand::Schema => {
            print_json(&crate::schema::config())?;
            Ok(OK)
        }
    }
}

fn no_home() -> CliError {
    CliError::usage(
        "no config directory: set $CLEARANCE_CONFIG_HOME or $HOME, or name a file with --config",
    )
}

/// The path on stdout; on stderr, which rule chose it and whether it exists.
fn path(found: &ConfigPath) -> Result<ExitCode, CliError> {
    let path = found.path.as_ref().ok_or_else(no_home)?;
    out::line(&path.display().to_string())?;
    let state = if path.is_file() {
        "it exists"
    } else if found.required {
        "it does not exist, and clearance stops until it does"
    } else {
        "it does not exist: the built-in defaults apply (clearance config init writes it)"
    };
    out::err(&format!("from {}; {state}", found.origin));
    Ok(OK)
}

/// Each problem on its own line, with its key; exit 0 valid, 1 problems, 2 unreadable.
fn check(found: &ConfigPath, profile: Option<&str>) -> Result<ExitCode, CliError> {
    let path = found.path.as_ref().ok_or_else(no_home)?;
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if !found.required && e.kind() == std::io::ErrorKind::NotFound => {
            out::line(&format!(
                "no config file at '{}': the built-in defaults apply",
                path.display()
            ))?;
            return Ok(OK);
        }
        Err(e) => {
            out::err(&format!(
                "error: cannot read config file '{}': {e}",
                path.display()
            ));
            return Ok(error());
        }
    };
    let mut problems = check::check(&text, path);
    // The config holds action names; which actions exist is the app's to say. The keymap is
    // read on its own, so its problem is listed with the others (a keymap that does not
    // parse is already among them).
    if let Ok(user) = text.parse::<toml::Table>()
        && let Some(keymap) = user.get("keymap")
        && let Ok(keymap) = keymap
            .clone()
            .try_into::<crate::config::keymap::KeymapConfig>()
        && let Err((key, detail)) = crate::app::keymap::Keymap::from_config(&keymap)
    {
        problems.push(check::Problem {
            key: Some(format!("keymap.{key}")),
            detail,
        });
    }
    if let Some(name) = profile
        && let Ok(user) = text.parse::<toml::Table>()
        && !profiles::names(&user).iter().any(|n| n == name)
    {
        problems.push(check::Problem {
            key: None,
            detail: format!(
                "no profile '{name}' (--profile or $CLEARANCE_PROFILE): {}",
                profiles::known_list(&profiles::names(&user))
            ),
        });
    }
    let shown = path.display();
    for m in moved_keys(&text) {
        out::line(&format!("{shown}: key '{}': {}", m.old, m.advice()))?;
    }
    if problems.is_empty() {
        out::line(&format!("{shown}: valid"))?;
        return Ok(OK);
    }
    for p in &problems {
        match &p.key {
            Some(key) => out::line(&format!("{shown}: key '{key}': {}", p.detail))?,
            None => out::line(&format!("{shown}: {}", p.detail))?,
        }
    }
    out::err(&format!(
        "{} problem{} found",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    ));
    Ok(refused())
}

/// Keys the file sets where they used to be (read at their new place), the profiles' too,
/// each named as the file spells it.
fn moved_keys(text: &str) -> Vec<crate::config::moved::Moved> {
    let Ok(user) = text.parse::<toml::Table>() else {
        return Vec::new();
    };
    let mut all = crate::config::moved::found(&user);
    for name in profiles::names(&user) {
        if let Some(toml::Value::Table(t)) = user.get("profiles").and_then(|p| p.get(&name)) {
            all.extend(crate::config::moved::found(t).into_iter().map(|m| {
                crate::config::moved::Moved {
                    old: format!("profiles.{name}.{}", m.old),
                    new: format!("profiles.{name}.{}", m.new),
                }
            }));
        }
    }
    all
}

/// The config file `init` writes: the commented defaults, under a `#:schema` line.
pub fn initial_text() -> String {
    format!("#:schema ./{SCHEMA_FILE}\n{DEFAULTS}")
}

/// Writes the commented example and its schema; refuses to overwrite without `--force`.
fn init(found: &ConfigPath, force: bool) -> Result<ExitCode, CliError> {
    let path = found.path.as_ref().ok_or_else(no_home)?;
    if path.exists() && !force {
        out::err(&format!(
            "refused: '{}' exists; --force overwrites it",
            path.display()
        ));
        return Ok(refused());
    }
    let schema_path = schema_beside(path);
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| {
            CliError::failed(format_args!("cannot create '{}': {e}", dir.display()))
        })?;
    }
    let mut schema = serde_json::to_string_pretty(&crate::schema::config())?;
    schema.push('\n');
    write(path, &initial_text())?;
    write(&schema_path, &schema)?;
    out::line(&format!("wrote {}", path.display()))?;
    out::line(&format!(
        "wrote {} (its #:schema line names it)",
        schema_path.display()
    ))?;
    Ok(OK)
}

fn schema_beside(config: &Path) -> PathBuf {
    config.with_file_name(SCHEMA_FILE)
}

fn write(path: &Path, text: &str) -> Result<(), CliError> {
    std::fs::write(path, text)
        .map_err(|e| CliError::failed(format_args!("cannot write '{}': {e}", path.display())))
}
