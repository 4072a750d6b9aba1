//! Loading a config with 100,000 `[[metrics]]` rules (about 3.3 MB), half plain names and half
//! globs, and with 10,000 and 50,000 rules to show how the cost grows.
//!
//! Run with `cargo bench --bench config_load`. It prints, for each size, the median time of
//! `Config::from_str_at` over a few iterations and the process's peak resident memory
//! (`VmHWM` from `/proc/self/status`, Linux only) after the largest load.
//!
//! Before the fix (issue 13, defect 8) the 100,000-rule file took 19 s and 1.07 GB: every rule,
//! a plain name included, compiled its own case-insensitive regex, twice (`validate` and
//! `review`). Loading should stay roughly linear in the number of rules.

use std::error::Error;
use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use clearance::config::Config;

const SIZES: [usize; 3] = [10_000, 50_000, 100_000];
const ITERATIONS: usize = 3;

fn config_text(rules: usize) -> String {
    let mut text = String::with_capacity(rules * 40);
    for i in 0..rules {
        if i % 2 == 0 {
            let _ = writeln!(
                text,
                "[[metrics]]\nname = \"metric_{i}\"\nbetter = \"lower\""
            );
        } else {
            let _ = writeln!(
                text,
                "[[metrics]]\nname = \"group_{i}_*\"\ntolerance = 0.01"
            );
        }
    }
    text
}

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() -> Result<(), Box<dyn Error>> {
    for rules in SIZES {
        let text = config_text(rules);
        let mut times: Vec<Duration> = Vec::with_capacity(ITERATIONS);
        for _ in 0..ITERATIONS {
            let started = Instant::now();
            let config = Config::from_str_at(&text, Path::new("bench.toml"))?;
            let settings = config.review()?;
            times.push(started.elapsed());
            std::hint::black_box(settings);
        }
        times.sort();
        let median = times[times.len() / 2];
        println!(
            "config_load: {rules} rules ({:.1} MB): median {:.0} ms ({:.1} µs per rule)",
            text.len() as f64 / 1e6,
            median.as_secs_f64() * 1e3,
            median.as_secs_f64() * 1e6 / rules as f64,
        );
    }
    if let Some(mb) = peak_rss_mb() {
        println!("config_load: peak resident memory {mb:.0} MB");
    }
    Ok(())
}
