//! `clearance freeze on|off --reason R [--model GLOB]`: the freeze switch on-call sets. It is
//! kept in the store (a registered-model tag, `clearance.freeze`; on GTO a `clearance/` git
//! tag; W&B has nowhere to keep it and refuses), so every clearance and CI job that reads the
//! store sees it, and the policy's freeze check reads it from there.

use std::process::ExitCode;

use super::{CliError, FreezeArgs, FreezeState, OK, out};
use crate::config::Config;
use crate::ops::audit::AuditLog;
use crate::ops::{identity, policy};
use crate::store::Backend;

pub async fn run(
    backend: &Backend,
    config: &Config,
    args: &FreezeArgs,
) -> Result<ExitCode, CliError> {
    let reason = args
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    if args.state == FreezeState::On && reason.is_none() {
        return Err(CliError::usage(
            "freeze on needs --reason TEXT: say why, so whoever finds the freeze knows",
        ));
    }
    if let Some(code) =
        super::change::refuse_read_only(&mut super::sink::Sink::text(), config, backend, "freeze")
    {
        return Ok(code);
    }
    let by = identity::who(&config.user).await;
    let log = AuditLog::for_store(&config.promotion.audit_log, &backend.store);
    let on = args.state == FreezeState::On;
    let (models, warnings) =
        policy::set_freeze(backend, &by, &args.model, on, reason, log.as_ref())
            .await
            .map_err(CliError::from_change)?;
    let what = if on { "frozen" } else { "thawed" };
    let why = reason.map(|r| format!(": {r}")).unwrap_or_default();
    out::line(&format!("{what}: {} (by {by}){why}", models.join(", ")))?;
    for w in warnings {
        out::err(&format!("warning: {w}"));
    }
    Ok(OK)
}
