use std::process::ExitCode;

use clap::Parser;
use clearance::cli::{self, Cli, Command, out};
use clearance::config::Config;
use clearance::{app, connect, errors, logging, runtime};

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Generated from the command line's own definition: no config, store or log needed.
    match &cli.command {
        Some(Command::Completions(args)) => {
            return finish(cli::completions::completions(args.shell));
        }
        Some(Command::Man) => return finish(cli::completions::man()),
        // About the config file itself: they must work when it does not load.
        Some(Command::Config(command)) => return finish(cli::config::run(&cli.global, command)),
        Some(Command::Schema(args)) => return finish(cli::schema::run(args.output)),
        _ => {}
    }
    // `alerts` keeps 1 and 2 for warning and critical, so its errors are 3.
    // Acknowledging is a change like the others: 0 done, 1 refused, 2 error.
    let alerts = matches!(&cli.command, Some(Command::Alerts(a)) if a.action.is_none());
    let fail = |e: cli::CliError| {
        out::err(&e.headline());
        e.exit_code(alerts)
    };
    if let Err(e) = errors::install() {
        out::err(&format!("error: {e}"));
    }
    if let Some(warning) = logging::init(cli.global.log_level) {
        out::err(&format!("warning: {warning}"));
    }
    // The config knows the names of actions, the app which ones exist.
    let loaded = Config::load_profile(cli.global.config.as_deref(), cli.global.profile.as_deref())
        .and_then(|c| app::keymap::check(&c).map(|()| c));
    let config = match loaded {
        Ok(c) => c,
        Err(e) => return fail(e.into()),
    };
    let tokio = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            return fail(cli::CliError::failed(format_args!(
                "cannot start the async runtime: {e}"
            )));
        }
    };
    let result = tokio.block_on(async {
        match cli.command {
            None => runtime::run(cli.global.tui(), config)
                .await
                .map_err(cli::CliError::from),
            Some(command) => run_command(&cli.global, &config, command).await,
        }
    });
    // A reader that went away (`clearance runs | head`) ends the command quietly.
    if let Some(code) = out::closed() {
        return code;
    }
    result.unwrap_or_else(fail)
}

fn finish(result: Result<ExitCode, cli::CliError>) -> ExitCode {
    if let Some(code) = out::closed() {
        return code;
    }
    result.unwrap_or_else(|e| {
        out::err(&e.headline());
        e.exit_code(false)
    })
}

async fn run_command(
    global: &cli::GlobalArgs,
    config: &Config,
    command: Command,
) -> Result<ExitCode, cli::CliError> {
    // Commands that need GitHub only.
    let command = match command {
        Command::Prs(args) => return cli::prs::run(global, config, &args).await,
        other => other,
    };
    global.check_store_flags()?;
    let target = connect::resolve_with(
        global.tracking_uri.as_deref(),
        global.dvc_repo.as_deref(),
        global.demo(),
        &global.wandb(),
        config,
    )?
    .ok_or(connect::ConnectError::NotConfigured)?;
    let mut config = config.clone();
    config.read_only |= global.read_only;
    connect::configure_for(&target, &mut config)?;
    let settings = config.review()?;
    let backend = connect::open(&target, &config)?;
    match command {
        Command::Runs(args) => cli::runs::run(&backend, &settings, &args).await,
        Command::Models(args) => cli::models::run(&backend, &args).await,
        Command::Diff(args) => cli::diff::run(&backend, &settings, &args).await,
        Command::Promote(args) => {
            cli::change::promote(&backend, &config, &settings, &args, global.github()).await
        }
        Command::Rollback(args) => cli::change::rollback(&backend, &config, &settings, &args).await,
        Command::Baseline(args) => cli::change::baseline(&backend, &config, &settings, &args).await,
        Command::History(args) => cli::history::run(&backend, &config, &args).await,
        Command::Policy(cli::PolicyCommand::Check(args)) => {
            cli::policy::check(&backend, &config, &args).await
        }
        Command::Request(args) => cli::request::request(&backend, &config, &settings, &args).await,
        Command::Approve(args) => {
            cli::request::approve(&backend, &config, &settings, &args, global.github()).await
        }
        Command::Audit(args) => cli::audit::run(&backend, &config, &args).await,
        Command::Freeze(args) => cli::freeze::run(&backend, &config, &args).await,
        Command::Alerts(args) => cli::alerts::run(&backend, &config, &args).await,
        Command::Apply(args) => {
            cli::apply::run(&backend, &config, &settings, &args, global.github()).await
        }
        Command::Comment(args) => {
            cli::comment::run(&backend, &config, &settings, global.github(), &args).await
        }
        Command::Prs(args) => cli::prs::run(global, &config, &args).await,
        // Answered in `main` before anything is opened.
        Command::Completions(_) | Command::Man | Command::Config(_) | Command::Schema(_) => {
            Ok(cli::OK)
        }
    }
}
