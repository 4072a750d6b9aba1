//! `clearance completions SHELL` and `clearance man`: generated from the same clap definition
//! as `--help`, so they can never list a flag that does not exist.

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;
use clap_complete::Shell;

use super::{Cli, CliError, OK};

/// Writes the completion script for `shell` to `out`.
pub fn write_completions(shell: Shell, out: &mut dyn Write) {
    clap_complete::generate(shell, &mut Cli::command(), "clearance", out);
}

/// Writes the manual page (roff) to `out`: the top-level page, with each command's options
/// in a section of its own.
pub fn write_man(out: &mut dyn Write) -> std::io::Result<()> {
    let cmd = Cli::command();
    let man = clap_mangen::Man::new(cmd.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    man.render_subcommands_section(out)?;
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        writeln!(
            out,
            ".SH \"{}\"",
            format!("clearance {}", sub.get_name()).to_uppercase()
        )?;
        let page = clap_mangen::Man::new(
            sub.clone()
                .bin_name(format!("clearance {}", sub.get_name())),
        );
        let mut body = Vec::new();
        page.render_synopsis_section(&mut body)?;
        page.render_description_section(&mut body)?;
        page.render_options_section(&mut body)?;
        // A command's own page titles its sections with .SH; within the one page they are
        // subsections.
        let text = String::from_utf8_lossy(&body).replace(".SH ", ".SS ");
        out.write_all(text.as_bytes())?;
    }
    man.render_extra_section(out)?;
    man.render_version_section(out)?;
    man.render_authors_section(out)
}

/// `clearance completions SHELL`.
pub fn completions(shell: Shell) -> Result<ExitCode, CliError> {
    let mut buf = Vec::new();
    write_completions(shell, &mut buf);
    print_bytes(&buf)
}

/// `clearance man`.
pub fn man() -> Result<ExitCode, CliError> {
    let mut buf = Vec::new();
    write_man(&mut buf)
        .map_err(|e| CliError::failed(format_args!("cannot render the manual page: {e}")))?;
    print_bytes(&buf)
}

fn print_bytes(bytes: &[u8]) -> Result<ExitCode, CliError> {
    super::out::bytes(bytes).map(|()| OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn generated(shell: Shell) -> String {
        let mut buf = Vec::new();
        write_completions(shell, &mut buf);
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn completions_know_every_command_and_global_flag() {
        for shell in [Shell::Bash, Shell::Zsh, Shell::Fish, Shell::PowerShell] {
            let script = generated(shell);
            // Long flags without their dashes: fish writes `-l tracking-uri`.
            for word in [
                "promote",
                "rollback",
                "tracking-uri",
                "read-only",
                "override-gates",
            ] {
                assert!(script.contains(word), "{shell}: no '{word}'");
            }
        }
    }

    #[test]
    fn the_manual_covers_every_command_with_its_options() {
        let mut buf = Vec::new();
        write_man(&mut buf).unwrap();
        let page = String::from_utf8(buf).unwrap();
        assert!(
            page.starts_with(".ie") || page.contains(".TH clearance 1"),
            "{page}"
        );
        for sub in Cli::command().get_subcommands() {
            let heading = format!(".SH \"CLEARANCE {}\"", sub.get_name().to_uppercase());
            assert!(page.contains(&heading), "no section for {}", sub.get_name());
        }
        assert!(
            page.contains("\\-\\-override\\-gates"),
            "promote's own options are listed"
        );
        assert!(
            page.contains("Exit codes"),
            "the after-help text is part of the page"
        );
    }
}
