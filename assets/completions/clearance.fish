# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_clearance_global_optspecs
    string join \n tracking-uri= dvc-repo= wandb= wandb-registry= wandb-base-url= demo reset config= profile= read-only no-cache no-mouse repo= github-api-url= gitlab-project= gitlab-url= log-level= h/help V/version
end

function __fish_clearance_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_clearance_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_clearance_using_subcommand
    set -l cmd (__fish_clearance_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c clearance -n "__fish_clearance_needs_command" -l tracking-uri -d 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)' -r
complete -c clearance -n "__fish_clearance_needs_command" -l dvc-repo -d 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed' -r -F
complete -c clearance -n "__fish_clearance_needs_command" -l wandb -d 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)' -r
complete -c clearance -n "__fish_clearance_needs_command" -l wandb-registry -d 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project\'s model collections)' -r
complete -c clearance -n "__fish_clearance_needs_command" -l wandb-base-url -d 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)' -r
complete -c clearance -n "__fish_clearance_needs_command" -l config -d 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)' -r -F
complete -c clearance -n "__fish_clearance_needs_command" -l profile -d 'A [profiles.NAME] table of the config to apply over its top-level settings' -r
complete -c clearance -n "__fish_clearance_needs_command" -l repo -d 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)' -r
complete -c clearance -n "__fish_clearance_needs_command" -l github-api-url -d 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)' -r
complete -c clearance -n "__fish_clearance_needs_command" -l gitlab-project -d 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)' -r
complete -c clearance -n "__fish_clearance_needs_command" -l gitlab-url -d 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)' -r
complete -c clearance -n "__fish_clearance_needs_command" -l log-level -d 'How much the log records of clearance\'s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)' -r -f -a "off\t''
error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c clearance -n "__fish_clearance_needs_command" -l demo -d 'Open the bundled demo store (a copy in the data dir; nothing to install)'
complete -c clearance -n "__fish_clearance_needs_command" -l reset -d 'With --demo: restore the demo store to its shipped state first'
complete -c clearance -n "__fish_clearance_needs_command" -l read-only -d 'Remove every action that changes anything'
complete -c clearance -n "__fish_clearance_needs_command" -l no-cache -d 'TUI: neither show nor keep the last run listing cached in the state dir'
complete -c clearance -n "__fish_clearance_needs_command" -l no-mouse -d 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)'
complete -c clearance -n "__fish_clearance_needs_command" -s h -l help -d 'Print help'
complete -c clearance -n "__fish_clearance_needs_command" -s V -l version -d 'Print version'
complete -c clearance -n "__fish_clearance_needs_command" -f -a "runs" -d 'List runs with their latest metrics, params and tags'
complete -c clearance -n "__fish_clearance_needs_command" -f -a "models" -d 'List registered models with their versions and aliases'
complete -c clearance -n "__fish_clearance_needs_command" -f -a "diff" -d 'Compare a model\'s candidate with its baseline; exit 1 when a gate fails'
complete -c clearance -n "__fish_clearance_needs_command" -f -a "promote" -d 'Move an alias (production by default) to a version, after the gates and a confirmation'
complete -c clearance -n "__fish_clearance_needs_command" -f -a "rollback" -d 'Move the production alias back to the version it held before'
complete -c clearance -n "__fish_clearance_needs_command" -f -a "history" -d 'Show who moved a model\'s aliases, when, and why'
complete -c clearance -n "__fish_clearance_needs_command" -f -a "baseline" -d 'Make a run its experiment\'s baseline'
complete -c clearance -n "__fish_clearance_needs_command" -f -a "alerts" -d 'Evaluate the alert rules over monitoring series; exit 0 none firing, 1 a warning, 2 a critical alert, 3 an error'
complete -c clearance -n "__fish_clearance_needs_command" -f -a "apply" -d 'Make the registry match a deployment file (run by CI after a promotion PR merges)'
complete -c clearance -n "__fish_clearance_needs_command" -f -a "comment" -d 'Post the diff report on a pull request, or update the one posted before'
complete -c clearance -n "__fish_clearance_needs_command" -f -a "prs" -d 'List open pull requests with CI, reviews and the model version each promotion PR pins'
complete -c clearance -n "__fish_clearance_needs_command" -f -a "policy" -d 'Explain what the promotion policy asks of a move, point by point; exit 0 when it would be allowed, 1 when something is missing'
complete -c clearance -n "__fish_clearance_needs_command" -f -a "request" -d 'Ask for a move: record a promotion request in the store, with the gates now, for others to approve (`--withdraw` takes it back)'
complete -c clearance -n "__fish_clearance_needs_command" -f -a "approve" -d 'Approve a promotion request; when the policy is then met, confirm to make the move'
complete -c clearance -n "__fish_clearance_needs_command" -f -a "audit" -d 'Export the audit trail: every recorded move, request, approval, override, refusal and freeze, and the aliases moved outside clearance'
complete -c clearance -n "__fish_clearance_needs_command" -f -a "freeze" -d 'Set or clear the freeze switch: while it is on, the policy refuses moves of frozen aliases (production, champion) unless overridden with a reason'
complete -c clearance -n "__fish_clearance_needs_command" -f -a "completions" -d 'Print a shell completion script: `clearance completions bash > ~/.local/share/bash-completion/completions/clearance`'
complete -c clearance -n "__fish_clearance_needs_command" -f -a "man" -d 'Print the manual page (roff): `clearance man > ~/.local/share/man/man1/clearance.1`'
complete -c clearance -n "__fish_clearance_needs_command" -f -a "config" -d 'The config file: where it is read from, check it, write a commented one, its schema'
complete -c clearance -n "__fish_clearance_needs_command" -f -a "schema" -d 'Print the JSON Schema of a command\'s --json output'
complete -c clearance -n "__fish_clearance_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c clearance -n "__fish_clearance_using_subcommand runs" -s e -l experiment -d 'Only runs of this experiment (name or id); repeat for several. Default: all' -r
complete -c clearance -n "__fish_clearance_using_subcommand runs" -l filter -d 'An MLflow search expression, e.g. "metrics.loss < 0.5 and params.model = \'xgb\'"' -r
complete -c clearance -n "__fish_clearance_using_subcommand runs" -l tracking-uri -d 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)' -r
complete -c clearance -n "__fish_clearance_using_subcommand runs" -l dvc-repo -d 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand runs" -l wandb -d 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)' -r
complete -c clearance -n "__fish_clearance_using_subcommand runs" -l wandb-registry -d 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project\'s model collections)' -r
complete -c clearance -n "__fish_clearance_using_subcommand runs" -l wandb-base-url -d 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)' -r
complete -c clearance -n "__fish_clearance_using_subcommand runs" -l config -d 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand runs" -l profile -d 'A [profiles.NAME] table of the config to apply over its top-level settings' -r
complete -c clearance -n "__fish_clearance_using_subcommand runs" -l repo -d 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)' -r
complete -c clearance -n "__fish_clearance_using_subcommand runs" -l github-api-url -d 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)' -r
complete -c clearance -n "__fish_clearance_using_subcommand runs" -l gitlab-project -d 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)' -r
complete -c clearance -n "__fish_clearance_using_subcommand runs" -l gitlab-url -d 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)' -r
complete -c clearance -n "__fish_clearance_using_subcommand runs" -l log-level -d 'How much the log records of clearance\'s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)' -r -f -a "off\t''
error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c clearance -n "__fish_clearance_using_subcommand runs" -l json -d 'Print JSON instead of a table'
complete -c clearance -n "__fish_clearance_using_subcommand runs" -l demo -d 'Open the bundled demo store (a copy in the data dir; nothing to install)'
complete -c clearance -n "__fish_clearance_using_subcommand runs" -l reset -d 'With --demo: restore the demo store to its shipped state first'
complete -c clearance -n "__fish_clearance_using_subcommand runs" -l read-only -d 'Remove every action that changes anything'
complete -c clearance -n "__fish_clearance_using_subcommand runs" -l no-cache -d 'TUI: neither show nor keep the last run listing cached in the state dir'
complete -c clearance -n "__fish_clearance_using_subcommand runs" -l no-mouse -d 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)'
complete -c clearance -n "__fish_clearance_using_subcommand runs" -s h -l help -d 'Print help'
complete -c clearance -n "__fish_clearance_using_subcommand models" -l tracking-uri -d 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)' -r
complete -c clearance -n "__fish_clearance_using_subcommand models" -l dvc-repo -d 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand models" -l wandb -d 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)' -r
complete -c clearance -n "__fish_clearance_using_subcommand models" -l wandb-registry -d 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project\'s model collections)' -r
complete -c clearance -n "__fish_clearance_using_subcommand models" -l wandb-base-url -d 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)' -r
complete -c clearance -n "__fish_clearance_using_subcommand models" -l config -d 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand models" -l profile -d 'A [profiles.NAME] table of the config to apply over its top-level settings' -r
complete -c clearance -n "__fish_clearance_using_subcommand models" -l repo -d 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)' -r
complete -c clearance -n "__fish_clearance_using_subcommand models" -l github-api-url -d 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)' -r
complete -c clearance -n "__fish_clearance_using_subcommand models" -l gitlab-project -d 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)' -r
complete -c clearance -n "__fish_clearance_using_subcommand models" -l gitlab-url -d 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)' -r
complete -c clearance -n "__fish_clearance_using_subcommand models" -l log-level -d 'How much the log records of clearance\'s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)' -r -f -a "off\t''
error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c clearance -n "__fish_clearance_using_subcommand models" -l json -d 'Print JSON instead of a table'
complete -c clearance -n "__fish_clearance_using_subcommand models" -l demo -d 'Open the bundled demo store (a copy in the data dir; nothing to install)'
complete -c clearance -n "__fish_clearance_using_subcommand models" -l reset -d 'With --demo: restore the demo store to its shipped state first'
complete -c clearance -n "__fish_clearance_using_subcommand models" -l read-only -d 'Remove every action that changes anything'
complete -c clearance -n "__fish_clearance_using_subcommand models" -l no-cache -d 'TUI: neither show nor keep the last run listing cached in the state dir'
complete -c clearance -n "__fish_clearance_using_subcommand models" -l no-mouse -d 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)'
complete -c clearance -n "__fish_clearance_using_subcommand models" -s h -l help -d 'Print help'
complete -c clearance -n "__fish_clearance_using_subcommand diff" -l candidate -d '@ALIAS, a version number, or run:RUN_ID (default: the staging alias)' -r
complete -c clearance -n "__fish_clearance_using_subcommand diff" -l baseline -d '@ALIAS, a version number, or run:RUN_ID (default: the production alias)' -r
complete -c clearance -n "__fish_clearance_using_subcommand diff" -l format -r -f -a "table\t''
json\t''
md\t''"
complete -c clearance -n "__fish_clearance_using_subcommand diff" -l tracking-uri -d 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)' -r
complete -c clearance -n "__fish_clearance_using_subcommand diff" -l dvc-repo -d 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand diff" -l wandb -d 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)' -r
complete -c clearance -n "__fish_clearance_using_subcommand diff" -l wandb-registry -d 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project\'s model collections)' -r
complete -c clearance -n "__fish_clearance_using_subcommand diff" -l wandb-base-url -d 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)' -r
complete -c clearance -n "__fish_clearance_using_subcommand diff" -l config -d 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand diff" -l profile -d 'A [profiles.NAME] table of the config to apply over its top-level settings' -r
complete -c clearance -n "__fish_clearance_using_subcommand diff" -l repo -d 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)' -r
complete -c clearance -n "__fish_clearance_using_subcommand diff" -l github-api-url -d 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)' -r
complete -c clearance -n "__fish_clearance_using_subcommand diff" -l gitlab-project -d 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)' -r
complete -c clearance -n "__fish_clearance_using_subcommand diff" -l gitlab-url -d 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)' -r
complete -c clearance -n "__fish_clearance_using_subcommand diff" -l log-level -d 'How much the log records of clearance\'s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)' -r -f -a "off\t''
error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c clearance -n "__fish_clearance_using_subcommand diff" -l demo -d 'Open the bundled demo store (a copy in the data dir; nothing to install)'
complete -c clearance -n "__fish_clearance_using_subcommand diff" -l reset -d 'With --demo: restore the demo store to its shipped state first'
complete -c clearance -n "__fish_clearance_using_subcommand diff" -l read-only -d 'Remove every action that changes anything'
complete -c clearance -n "__fish_clearance_using_subcommand diff" -l no-cache -d 'TUI: neither show nor keep the last run listing cached in the state dir'
complete -c clearance -n "__fish_clearance_using_subcommand diff" -l no-mouse -d 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)'
complete -c clearance -n "__fish_clearance_using_subcommand diff" -s h -l help -d 'Print help'
complete -c clearance -n "__fish_clearance_using_subcommand promote" -l to -d 'The alias to move (default: the production alias)' -r
complete -c clearance -n "__fish_clearance_using_subcommand promote" -l reason -d 'Why; recorded with the change (required with --override-gates)' -r
complete -c clearance -n "__fish_clearance_using_subcommand promote" -l override-reason -d 'Move despite a freeze of the promotion policy (a window, the switch, a critical alert); the reason is recorded with the override' -r
complete -c clearance -n "__fish_clearance_using_subcommand promote" -l override-second -d 'The second person the policy asks for to override a freeze (`override_needs_second`)' -r
complete -c clearance -n "__fish_clearance_using_subcommand promote" -l via -d 'direct: move the alias now; pr: open a pull request pinning the version in the deployment file (default: promotion.via, per model in promotion.via_model)' -r -f -a "direct\t'Move the alias in the registry now'
pr\t'Open a pull request pinning the version in the deployment file; CI applies it after the merge'"
complete -c clearance -n "__fish_clearance_using_subcommand promote" -l tracking-uri -d 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)' -r
complete -c clearance -n "__fish_clearance_using_subcommand promote" -l dvc-repo -d 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand promote" -l wandb -d 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)' -r
complete -c clearance -n "__fish_clearance_using_subcommand promote" -l wandb-registry -d 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project\'s model collections)' -r
complete -c clearance -n "__fish_clearance_using_subcommand promote" -l wandb-base-url -d 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)' -r
complete -c clearance -n "__fish_clearance_using_subcommand promote" -l config -d 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand promote" -l profile -d 'A [profiles.NAME] table of the config to apply over its top-level settings' -r
complete -c clearance -n "__fish_clearance_using_subcommand promote" -l repo -d 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)' -r
complete -c clearance -n "__fish_clearance_using_subcommand promote" -l github-api-url -d 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)' -r
complete -c clearance -n "__fish_clearance_using_subcommand promote" -l gitlab-project -d 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)' -r
complete -c clearance -n "__fish_clearance_using_subcommand promote" -l gitlab-url -d 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)' -r
complete -c clearance -n "__fish_clearance_using_subcommand promote" -l log-level -d 'How much the log records of clearance\'s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)' -r -f -a "off\t''
error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c clearance -n "__fish_clearance_using_subcommand promote" -l yes -d 'Do not ask for confirmation'
complete -c clearance -n "__fish_clearance_using_subcommand promote" -l dry-run -d 'Print the plan and the gates; change nothing'
complete -c clearance -n "__fish_clearance_using_subcommand promote" -l override-gates -d 'Promote even though gates fail (needs --reason)'
complete -c clearance -n "__fish_clearance_using_subcommand promote" -l json -d 'Print what was planned, how it ended and the record written, as JSON (`clearance schema change`)'
complete -c clearance -n "__fish_clearance_using_subcommand promote" -l demo -d 'Open the bundled demo store (a copy in the data dir; nothing to install)'
complete -c clearance -n "__fish_clearance_using_subcommand promote" -l reset -d 'With --demo: restore the demo store to its shipped state first'
complete -c clearance -n "__fish_clearance_using_subcommand promote" -l read-only -d 'Remove every action that changes anything'
complete -c clearance -n "__fish_clearance_using_subcommand promote" -l no-cache -d 'TUI: neither show nor keep the last run listing cached in the state dir'
complete -c clearance -n "__fish_clearance_using_subcommand promote" -l no-mouse -d 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)'
complete -c clearance -n "__fish_clearance_using_subcommand promote" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c clearance -n "__fish_clearance_using_subcommand rollback" -l alias -d 'The alias to roll back (default: the production alias)' -r
complete -c clearance -n "__fish_clearance_using_subcommand rollback" -l reason -d 'Why; recorded with the change' -r
complete -c clearance -n "__fish_clearance_using_subcommand rollback" -l override-reason -d 'Move despite a freeze of the promotion policy; the reason is recorded with the override (a rollback needs none during a critical alert)' -r
complete -c clearance -n "__fish_clearance_using_subcommand rollback" -l override-second -d 'The second person the policy asks for to override a freeze (`override_needs_second`)' -r
complete -c clearance -n "__fish_clearance_using_subcommand rollback" -l tracking-uri -d 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)' -r
complete -c clearance -n "__fish_clearance_using_subcommand rollback" -l dvc-repo -d 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand rollback" -l wandb -d 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)' -r
complete -c clearance -n "__fish_clearance_using_subcommand rollback" -l wandb-registry -d 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project\'s model collections)' -r
complete -c clearance -n "__fish_clearance_using_subcommand rollback" -l wandb-base-url -d 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)' -r
complete -c clearance -n "__fish_clearance_using_subcommand rollback" -l config -d 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand rollback" -l profile -d 'A [profiles.NAME] table of the config to apply over its top-level settings' -r
complete -c clearance -n "__fish_clearance_using_subcommand rollback" -l repo -d 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)' -r
complete -c clearance -n "__fish_clearance_using_subcommand rollback" -l github-api-url -d 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)' -r
complete -c clearance -n "__fish_clearance_using_subcommand rollback" -l gitlab-project -d 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)' -r
complete -c clearance -n "__fish_clearance_using_subcommand rollback" -l gitlab-url -d 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)' -r
complete -c clearance -n "__fish_clearance_using_subcommand rollback" -l log-level -d 'How much the log records of clearance\'s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)' -r -f -a "off\t''
error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c clearance -n "__fish_clearance_using_subcommand rollback" -l yes -d 'Do not ask for confirmation'
complete -c clearance -n "__fish_clearance_using_subcommand rollback" -l dry-run -d 'Print the plan; change nothing'
complete -c clearance -n "__fish_clearance_using_subcommand rollback" -l override-gates -d 'Move even though gates fail (needs --reason); the override is recorded'
complete -c clearance -n "__fish_clearance_using_subcommand rollback" -l json -d 'Print what was planned, how it ended and the record written, as JSON (`clearance schema change`)'
complete -c clearance -n "__fish_clearance_using_subcommand rollback" -l demo -d 'Open the bundled demo store (a copy in the data dir; nothing to install)'
complete -c clearance -n "__fish_clearance_using_subcommand rollback" -l reset -d 'With --demo: restore the demo store to its shipped state first'
complete -c clearance -n "__fish_clearance_using_subcommand rollback" -l read-only -d 'Remove every action that changes anything'
complete -c clearance -n "__fish_clearance_using_subcommand rollback" -l no-cache -d 'TUI: neither show nor keep the last run listing cached in the state dir'
complete -c clearance -n "__fish_clearance_using_subcommand rollback" -l no-mouse -d 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)'
complete -c clearance -n "__fish_clearance_using_subcommand rollback" -s h -l help -d 'Print help'
complete -c clearance -n "__fish_clearance_using_subcommand history" -l tracking-uri -d 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)' -r
complete -c clearance -n "__fish_clearance_using_subcommand history" -l dvc-repo -d 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand history" -l wandb -d 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)' -r
complete -c clearance -n "__fish_clearance_using_subcommand history" -l wandb-registry -d 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project\'s model collections)' -r
complete -c clearance -n "__fish_clearance_using_subcommand history" -l wandb-base-url -d 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)' -r
complete -c clearance -n "__fish_clearance_using_subcommand history" -l config -d 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand history" -l profile -d 'A [profiles.NAME] table of the config to apply over its top-level settings' -r
complete -c clearance -n "__fish_clearance_using_subcommand history" -l repo -d 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)' -r
complete -c clearance -n "__fish_clearance_using_subcommand history" -l github-api-url -d 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)' -r
complete -c clearance -n "__fish_clearance_using_subcommand history" -l gitlab-project -d 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)' -r
complete -c clearance -n "__fish_clearance_using_subcommand history" -l gitlab-url -d 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)' -r
complete -c clearance -n "__fish_clearance_using_subcommand history" -l log-level -d 'How much the log records of clearance\'s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)' -r -f -a "off\t''
error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c clearance -n "__fish_clearance_using_subcommand history" -l json -d 'Print JSON instead of a table'
complete -c clearance -n "__fish_clearance_using_subcommand history" -l demo -d 'Open the bundled demo store (a copy in the data dir; nothing to install)'
complete -c clearance -n "__fish_clearance_using_subcommand history" -l reset -d 'With --demo: restore the demo store to its shipped state first'
complete -c clearance -n "__fish_clearance_using_subcommand history" -l read-only -d 'Remove every action that changes anything'
complete -c clearance -n "__fish_clearance_using_subcommand history" -l no-cache -d 'TUI: neither show nor keep the last run listing cached in the state dir'
complete -c clearance -n "__fish_clearance_using_subcommand history" -l no-mouse -d 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)'
complete -c clearance -n "__fish_clearance_using_subcommand history" -s h -l help -d 'Print help'
complete -c clearance -n "__fish_clearance_using_subcommand baseline" -l reason -d 'Why; recorded with the change' -r
complete -c clearance -n "__fish_clearance_using_subcommand baseline" -l tracking-uri -d 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)' -r
complete -c clearance -n "__fish_clearance_using_subcommand baseline" -l dvc-repo -d 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand baseline" -l wandb -d 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)' -r
complete -c clearance -n "__fish_clearance_using_subcommand baseline" -l wandb-registry -d 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project\'s model collections)' -r
complete -c clearance -n "__fish_clearance_using_subcommand baseline" -l wandb-base-url -d 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)' -r
complete -c clearance -n "__fish_clearance_using_subcommand baseline" -l config -d 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand baseline" -l profile -d 'A [profiles.NAME] table of the config to apply over its top-level settings' -r
complete -c clearance -n "__fish_clearance_using_subcommand baseline" -l repo -d 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)' -r
complete -c clearance -n "__fish_clearance_using_subcommand baseline" -l github-api-url -d 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)' -r
complete -c clearance -n "__fish_clearance_using_subcommand baseline" -l gitlab-project -d 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)' -r
complete -c clearance -n "__fish_clearance_using_subcommand baseline" -l gitlab-url -d 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)' -r
complete -c clearance -n "__fish_clearance_using_subcommand baseline" -l log-level -d 'How much the log records of clearance\'s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)' -r -f -a "off\t''
error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c clearance -n "__fish_clearance_using_subcommand baseline" -l yes -d 'Do not ask for confirmation'
complete -c clearance -n "__fish_clearance_using_subcommand baseline" -l dry-run -d 'Print the plan; change nothing'
complete -c clearance -n "__fish_clearance_using_subcommand baseline" -l json -d 'Print what was planned, how it ended and the record written, as JSON (`clearance schema change`)'
complete -c clearance -n "__fish_clearance_using_subcommand baseline" -l demo -d 'Open the bundled demo store (a copy in the data dir; nothing to install)'
complete -c clearance -n "__fish_clearance_using_subcommand baseline" -l reset -d 'With --demo: restore the demo store to its shipped state first'
complete -c clearance -n "__fish_clearance_using_subcommand baseline" -l read-only -d 'Remove every action that changes anything'
complete -c clearance -n "__fish_clearance_using_subcommand baseline" -l no-cache -d 'TUI: neither show nor keep the last run listing cached in the state dir'
complete -c clearance -n "__fish_clearance_using_subcommand baseline" -l no-mouse -d 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)'
complete -c clearance -n "__fish_clearance_using_subcommand baseline" -s h -l help -d 'Print help'
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and not __fish_seen_subcommand_from ack silence unack help" -l tracking-uri -d 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)' -r
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and not __fish_seen_subcommand_from ack silence unack help" -l dvc-repo -d 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and not __fish_seen_subcommand_from ack silence unack help" -l wandb -d 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)' -r
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and not __fish_seen_subcommand_from ack silence unack help" -l wandb-registry -d 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project\'s model collections)' -r
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and not __fish_seen_subcommand_from ack silence unack help" -l wandb-base-url -d 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)' -r
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and not __fish_seen_subcommand_from ack silence unack help" -l config -d 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and not __fish_seen_subcommand_from ack silence unack help" -l profile -d 'A [profiles.NAME] table of the config to apply over its top-level settings' -r
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and not __fish_seen_subcommand_from ack silence unack help" -l repo -d 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)' -r
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and not __fish_seen_subcommand_from ack silence unack help" -l github-api-url -d 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)' -r
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and not __fish_seen_subcommand_from ack silence unack help" -l gitlab-project -d 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)' -r
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and not __fish_seen_subcommand_from ack silence unack help" -l gitlab-url -d 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)' -r
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and not __fish_seen_subcommand_from ack silence unack help" -l log-level -d 'How much the log records of clearance\'s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)' -r -f -a "off\t''
error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and not __fish_seen_subcommand_from ack silence unack help" -l json -d 'Print JSON instead of a table'
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and not __fish_seen_subcommand_from ack silence unack help" -l demo -d 'Open the bundled demo store (a copy in the data dir; nothing to install)'
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and not __fish_seen_subcommand_from ack silence unack help" -l reset -d 'With --demo: restore the demo store to its shipped state first'
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and not __fish_seen_subcommand_from ack silence unack help" -l read-only -d 'Remove every action that changes anything'
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and not __fish_seen_subcommand_from ack silence unack help" -l no-cache -d 'TUI: neither show nor keep the last run listing cached in the state dir'
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and not __fish_seen_subcommand_from ack silence unack help" -l no-mouse -d 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)'
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and not __fish_seen_subcommand_from ack silence unack help" -s h -l help -d 'Print help'
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and not __fish_seen_subcommand_from ack silence unack help" -f -a "ack" -d 'Acknowledge an alert: someone is on it. It is listed below the unanswered ones and still counts for the exit code'
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and not __fish_seen_subcommand_from ack silence unack help" -f -a "silence" -d 'Silence an alert for a while: it does not count for the exit code until then'
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and not __fish_seen_subcommand_from ack silence unack help" -f -a "unack" -d 'Take back an alert\'s acknowledgement or silence'
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and not __fish_seen_subcommand_from ack silence unack help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from ack" -l metric -d 'The metric, when the rule watches several (a glob such as psi_*)' -r
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from ack" -l reason -d 'Why (required); recorded with who and when' -r
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from ack" -l tracking-uri -d 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)' -r
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from ack" -l dvc-repo -d 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from ack" -l wandb -d 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)' -r
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from ack" -l wandb-registry -d 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project\'s model collections)' -r
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from ack" -l wandb-base-url -d 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)' -r
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from ack" -l config -d 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from ack" -l profile -d 'A [profiles.NAME] table of the config to apply over its top-level settings' -r
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from ack" -l repo -d 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)' -r
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from ack" -l github-api-url -d 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)' -r
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from ack" -l gitlab-project -d 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)' -r
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from ack" -l gitlab-url -d 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)' -r
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from ack" -l log-level -d 'How much the log records of clearance\'s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)' -r -f -a "off\t''
error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from ack" -l yes -d 'Do not ask for confirmation'
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from ack" -l demo -d 'Open the bundled demo store (a copy in the data dir; nothing to install)'
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from ack" -l reset -d 'With --demo: restore the demo store to its shipped state first'
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from ack" -l read-only -d 'Remove every action that changes anything'
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from ack" -l no-cache -d 'TUI: neither show nor keep the last run listing cached in the state dir'
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from ack" -l no-mouse -d 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)'
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from ack" -s h -l help -d 'Print help'
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from silence" -l metric -d 'The metric, when the rule watches several (a glob such as psi_*)' -r
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from silence" -l for -d 'For how long: 30m, 4h, 1d, 1d12h' -r
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from silence" -l reason -d 'Why (required); recorded with who, when and until when' -r
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from silence" -l tracking-uri -d 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)' -r
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from silence" -l dvc-repo -d 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from silence" -l wandb -d 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)' -r
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from silence" -l wandb-registry -d 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project\'s model collections)' -r
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from silence" -l wandb-base-url -d 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)' -r
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from silence" -l config -d 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from silence" -l profile -d 'A [profiles.NAME] table of the config to apply over its top-level settings' -r
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from silence" -l repo -d 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)' -r
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from silence" -l github-api-url -d 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)' -r
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from silence" -l gitlab-project -d 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)' -r
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from silence" -l gitlab-url -d 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)' -r
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from silence" -l log-level -d 'How much the log records of clearance\'s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)' -r -f -a "off\t''
error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from silence" -l yes -d 'Do not ask for confirmation'
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from silence" -l demo -d 'Open the bundled demo store (a copy in the data dir; nothing to install)'
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from silence" -l reset -d 'With --demo: restore the demo store to its shipped state first'
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from silence" -l read-only -d 'Remove every action that changes anything'
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from silence" -l no-cache -d 'TUI: neither show nor keep the last run listing cached in the state dir'
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from silence" -l no-mouse -d 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)'
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from silence" -s h -l help -d 'Print help'
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from unack" -l metric -d 'The metric, when the rule watches several (a glob such as psi_*)' -r
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from unack" -l tracking-uri -d 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)' -r
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from unack" -l dvc-repo -d 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from unack" -l wandb -d 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)' -r
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from unack" -l wandb-registry -d 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project\'s model collections)' -r
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from unack" -l wandb-base-url -d 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)' -r
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from unack" -l config -d 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from unack" -l profile -d 'A [profiles.NAME] table of the config to apply over its top-level settings' -r
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from unack" -l repo -d 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)' -r
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from unack" -l github-api-url -d 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)' -r
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from unack" -l gitlab-project -d 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)' -r
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from unack" -l gitlab-url -d 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)' -r
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from unack" -l log-level -d 'How much the log records of clearance\'s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)' -r -f -a "off\t''
error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from unack" -l yes -d 'Do not ask for confirmation'
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from unack" -l demo -d 'Open the bundled demo store (a copy in the data dir; nothing to install)'
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from unack" -l reset -d 'With --demo: restore the demo store to its shipped state first'
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from unack" -l read-only -d 'Remove every action that changes anything'
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from unack" -l no-cache -d 'TUI: neither show nor keep the last run listing cached in the state dir'
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from unack" -l no-mouse -d 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)'
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from unack" -s h -l help -d 'Print help'
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from help" -f -a "ack" -d 'Acknowledge an alert: someone is on it. It is listed below the unanswered ones and still counts for the exit code'
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from help" -f -a "silence" -d 'Silence an alert for a while: it does not count for the exit code until then'
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from help" -f -a "unack" -d 'Take back an alert\'s acknowledgement or silence'
complete -c clearance -n "__fish_clearance_using_subcommand alerts; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c clearance -n "__fish_clearance_using_subcommand apply" -l applied-by -d 'Who applies, recorded after the approver: "Ann <ann@x> (applied by CI)". In GitLab CI the default names the pipeline: "(applied by GitLab CI pipeline $CI_PIPELINE_URL)"' -r
complete -c clearance -n "__fish_clearance_using_subcommand apply" -l pr -l mr -d 'The merged pull request (GitLab: merge request iid) that brought the file, whose reviews the policy counts as approvals (default: the one that merged $GITHUB_SHA in GitHub Actions, $CI_COMMIT_SHA in GitLab CI)' -r
complete -c clearance -n "__fish_clearance_using_subcommand apply" -l tracking-uri -d 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)' -r
complete -c clearance -n "__fish_clearance_using_subcommand apply" -l dvc-repo -d 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand apply" -l wandb -d 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)' -r
complete -c clearance -n "__fish_clearance_using_subcommand apply" -l wandb-registry -d 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project\'s model collections)' -r
complete -c clearance -n "__fish_clearance_using_subcommand apply" -l wandb-base-url -d 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)' -r
complete -c clearance -n "__fish_clearance_using_subcommand apply" -l config -d 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand apply" -l profile -d 'A [profiles.NAME] table of the config to apply over its top-level settings' -r
complete -c clearance -n "__fish_clearance_using_subcommand apply" -l repo -d 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)' -r
complete -c clearance -n "__fish_clearance_using_subcommand apply" -l github-api-url -d 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)' -r
complete -c clearance -n "__fish_clearance_using_subcommand apply" -l gitlab-project -d 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)' -r
complete -c clearance -n "__fish_clearance_using_subcommand apply" -l gitlab-url -d 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)' -r
complete -c clearance -n "__fish_clearance_using_subcommand apply" -l log-level -d 'How much the log records of clearance\'s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)' -r -f -a "off\t''
error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c clearance -n "__fish_clearance_using_subcommand apply" -l dry-run -d 'Print what would change; change nothing'
complete -c clearance -n "__fish_clearance_using_subcommand apply" -l json -d 'Print each model\'s outcome and the records written, as JSON (`clearance schema apply`)'
complete -c clearance -n "__fish_clearance_using_subcommand apply" -l demo -d 'Open the bundled demo store (a copy in the data dir; nothing to install)'
complete -c clearance -n "__fish_clearance_using_subcommand apply" -l reset -d 'With --demo: restore the demo store to its shipped state first'
complete -c clearance -n "__fish_clearance_using_subcommand apply" -l read-only -d 'Remove every action that changes anything'
complete -c clearance -n "__fish_clearance_using_subcommand apply" -l no-cache -d 'TUI: neither show nor keep the last run listing cached in the state dir'
complete -c clearance -n "__fish_clearance_using_subcommand apply" -l no-mouse -d 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)'
complete -c clearance -n "__fish_clearance_using_subcommand apply" -s h -l help -d 'Print help'
complete -c clearance -n "__fish_clearance_using_subcommand comment" -l model -d 'The registered model (default: the model the PR pins, for a promotion PR)' -r
complete -c clearance -n "__fish_clearance_using_subcommand comment" -l candidate -d '@ALIAS, a version number, or run:RUN_ID (default: the version the PR pins, else the staging alias)' -r
complete -c clearance -n "__fish_clearance_using_subcommand comment" -l baseline -d '@ALIAS, a version number, or run:RUN_ID (default: the production alias)' -r
complete -c clearance -n "__fish_clearance_using_subcommand comment" -l tracking-uri -d 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)' -r
complete -c clearance -n "__fish_clearance_using_subcommand comment" -l dvc-repo -d 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand comment" -l wandb -d 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)' -r
complete -c clearance -n "__fish_clearance_using_subcommand comment" -l wandb-registry -d 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project\'s model collections)' -r
complete -c clearance -n "__fish_clearance_using_subcommand comment" -l wandb-base-url -d 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)' -r
complete -c clearance -n "__fish_clearance_using_subcommand comment" -l config -d 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand comment" -l profile -d 'A [profiles.NAME] table of the config to apply over its top-level settings' -r
complete -c clearance -n "__fish_clearance_using_subcommand comment" -l repo -d 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)' -r
complete -c clearance -n "__fish_clearance_using_subcommand comment" -l github-api-url -d 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)' -r
complete -c clearance -n "__fish_clearance_using_subcommand comment" -l gitlab-project -d 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)' -r
complete -c clearance -n "__fish_clearance_using_subcommand comment" -l gitlab-url -d 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)' -r
complete -c clearance -n "__fish_clearance_using_subcommand comment" -l log-level -d 'How much the log records of clearance\'s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)' -r -f -a "off\t''
error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c clearance -n "__fish_clearance_using_subcommand comment" -l demo -d 'Open the bundled demo store (a copy in the data dir; nothing to install)'
complete -c clearance -n "__fish_clearance_using_subcommand comment" -l reset -d 'With --demo: restore the demo store to its shipped state first'
complete -c clearance -n "__fish_clearance_using_subcommand comment" -l read-only -d 'Remove every action that changes anything'
complete -c clearance -n "__fish_clearance_using_subcommand comment" -l no-cache -d 'TUI: neither show nor keep the last run listing cached in the state dir'
complete -c clearance -n "__fish_clearance_using_subcommand comment" -l no-mouse -d 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)'
complete -c clearance -n "__fish_clearance_using_subcommand comment" -s h -l help -d 'Print help'
complete -c clearance -n "__fish_clearance_using_subcommand prs" -l tracking-uri -d 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)' -r
complete -c clearance -n "__fish_clearance_using_subcommand prs" -l dvc-repo -d 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand prs" -l wandb -d 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)' -r
complete -c clearance -n "__fish_clearance_using_subcommand prs" -l wandb-registry -d 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project\'s model collections)' -r
complete -c clearance -n "__fish_clearance_using_subcommand prs" -l wandb-base-url -d 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)' -r
complete -c clearance -n "__fish_clearance_using_subcommand prs" -l config -d 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand prs" -l profile -d 'A [profiles.NAME] table of the config to apply over its top-level settings' -r
complete -c clearance -n "__fish_clearance_using_subcommand prs" -l repo -d 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)' -r
complete -c clearance -n "__fish_clearance_using_subcommand prs" -l github-api-url -d 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)' -r
complete -c clearance -n "__fish_clearance_using_subcommand prs" -l gitlab-project -d 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)' -r
complete -c clearance -n "__fish_clearance_using_subcommand prs" -l gitlab-url -d 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)' -r
complete -c clearance -n "__fish_clearance_using_subcommand prs" -l log-level -d 'How much the log records of clearance\'s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)' -r -f -a "off\t''
error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c clearance -n "__fish_clearance_using_subcommand prs" -l json -d 'Print JSON instead of a table'
complete -c clearance -n "__fish_clearance_using_subcommand prs" -l demo -d 'Open the bundled demo store (a copy in the data dir; nothing to install)'
complete -c clearance -n "__fish_clearance_using_subcommand prs" -l reset -d 'With --demo: restore the demo store to its shipped state first'
complete -c clearance -n "__fish_clearance_using_subcommand prs" -l read-only -d 'Remove every action that changes anything'
complete -c clearance -n "__fish_clearance_using_subcommand prs" -l no-cache -d 'TUI: neither show nor keep the last run listing cached in the state dir'
complete -c clearance -n "__fish_clearance_using_subcommand prs" -l no-mouse -d 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)'
complete -c clearance -n "__fish_clearance_using_subcommand prs" -s h -l help -d 'Print help'
complete -c clearance -n "__fish_clearance_using_subcommand policy; and not __fish_seen_subcommand_from check help" -l tracking-uri -d 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)' -r
complete -c clearance -n "__fish_clearance_using_subcommand policy; and not __fish_seen_subcommand_from check help" -l dvc-repo -d 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand policy; and not __fish_seen_subcommand_from check help" -l wandb -d 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)' -r
complete -c clearance -n "__fish_clearance_using_subcommand policy; and not __fish_seen_subcommand_from check help" -l wandb-registry -d 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project\'s model collections)' -r
complete -c clearance -n "__fish_clearance_using_subcommand policy; and not __fish_seen_subcommand_from check help" -l wandb-base-url -d 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)' -r
complete -c clearance -n "__fish_clearance_using_subcommand policy; and not __fish_seen_subcommand_from check help" -l config -d 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand policy; and not __fish_seen_subcommand_from check help" -l profile -d 'A [profiles.NAME] table of the config to apply over its top-level settings' -r
complete -c clearance -n "__fish_clearance_using_subcommand policy; and not __fish_seen_subcommand_from check help" -l repo -d 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)' -r
complete -c clearance -n "__fish_clearance_using_subcommand policy; and not __fish_seen_subcommand_from check help" -l github-api-url -d 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)' -r
complete -c clearance -n "__fish_clearance_using_subcommand policy; and not __fish_seen_subcommand_from check help" -l gitlab-project -d 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)' -r
complete -c clearance -n "__fish_clearance_using_subcommand policy; and not __fish_seen_subcommand_from check help" -l gitlab-url -d 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)' -r
complete -c clearance -n "__fish_clearance_using_subcommand policy; and not __fish_seen_subcommand_from check help" -l log-level -d 'How much the log records of clearance\'s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)' -r -f -a "off\t''
error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c clearance -n "__fish_clearance_using_subcommand policy; and not __fish_seen_subcommand_from check help" -l demo -d 'Open the bundled demo store (a copy in the data dir; nothing to install)'
complete -c clearance -n "__fish_clearance_using_subcommand policy; and not __fish_seen_subcommand_from check help" -l reset -d 'With --demo: restore the demo store to its shipped state first'
complete -c clearance -n "__fish_clearance_using_subcommand policy; and not __fish_seen_subcommand_from check help" -l read-only -d 'Remove every action that changes anything'
complete -c clearance -n "__fish_clearance_using_subcommand policy; and not __fish_seen_subcommand_from check help" -l no-cache -d 'TUI: neither show nor keep the last run listing cached in the state dir'
complete -c clearance -n "__fish_clearance_using_subcommand policy; and not __fish_seen_subcommand_from check help" -l no-mouse -d 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)'
complete -c clearance -n "__fish_clearance_using_subcommand policy; and not __fish_seen_subcommand_from check help" -s h -l help -d 'Print help'
complete -c clearance -n "__fish_clearance_using_subcommand policy; and not __fish_seen_subcommand_from check help" -f -a "check" -d 'What moving ALIAS of MODEL to VERSION needs under the policy, and what is missing'
complete -c clearance -n "__fish_clearance_using_subcommand policy; and not __fish_seen_subcommand_from check help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c clearance -n "__fish_clearance_using_subcommand policy; and __fish_seen_subcommand_from check" -l to -d 'The alias to move (default: the production alias, `[aliases] production`; on GTO `[gto] production_stage`)' -r
complete -c clearance -n "__fish_clearance_using_subcommand policy; and __fish_seen_subcommand_from check" -l as -d 'Judge the move as made by this identity (default: who clearance records you as)' -r
complete -c clearance -n "__fish_clearance_using_subcommand policy; and __fish_seen_subcommand_from check" -l tracking-uri -d 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)' -r
complete -c clearance -n "__fish_clearance_using_subcommand policy; and __fish_seen_subcommand_from check" -l dvc-repo -d 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand policy; and __fish_seen_subcommand_from check" -l wandb -d 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)' -r
complete -c clearance -n "__fish_clearance_using_subcommand policy; and __fish_seen_subcommand_from check" -l wandb-registry -d 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project\'s model collections)' -r
complete -c clearance -n "__fish_clearance_using_subcommand policy; and __fish_seen_subcommand_from check" -l wandb-base-url -d 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)' -r
complete -c clearance -n "__fish_clearance_using_subcommand policy; and __fish_seen_subcommand_from check" -l config -d 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand policy; and __fish_seen_subcommand_from check" -l profile -d 'A [profiles.NAME] table of the config to apply over its top-level settings' -r
complete -c clearance -n "__fish_clearance_using_subcommand policy; and __fish_seen_subcommand_from check" -l repo -d 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)' -r
complete -c clearance -n "__fish_clearance_using_subcommand policy; and __fish_seen_subcommand_from check" -l github-api-url -d 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)' -r
complete -c clearance -n "__fish_clearance_using_subcommand policy; and __fish_seen_subcommand_from check" -l gitlab-project -d 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)' -r
complete -c clearance -n "__fish_clearance_using_subcommand policy; and __fish_seen_subcommand_from check" -l gitlab-url -d 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)' -r
complete -c clearance -n "__fish_clearance_using_subcommand policy; and __fish_seen_subcommand_from check" -l log-level -d 'How much the log records of clearance\'s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)' -r -f -a "off\t''
error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c clearance -n "__fish_clearance_using_subcommand policy; and __fish_seen_subcommand_from check" -l rollback -d 'Judge it as a rollback (which passes freezes and stage order)'
complete -c clearance -n "__fish_clearance_using_subcommand policy; and __fish_seen_subcommand_from check" -l json -d 'Print JSON instead of a checklist'
complete -c clearance -n "__fish_clearance_using_subcommand policy; and __fish_seen_subcommand_from check" -l demo -d 'Open the bundled demo store (a copy in the data dir; nothing to install)'
complete -c clearance -n "__fish_clearance_using_subcommand policy; and __fish_seen_subcommand_from check" -l reset -d 'With --demo: restore the demo store to its shipped state first'
complete -c clearance -n "__fish_clearance_using_subcommand policy; and __fish_seen_subcommand_from check" -l read-only -d 'Remove every action that changes anything'
complete -c clearance -n "__fish_clearance_using_subcommand policy; and __fish_seen_subcommand_from check" -l no-cache -d 'TUI: neither show nor keep the last run listing cached in the state dir'
complete -c clearance -n "__fish_clearance_using_subcommand policy; and __fish_seen_subcommand_from check" -l no-mouse -d 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)'
complete -c clearance -n "__fish_clearance_using_subcommand policy; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c clearance -n "__fish_clearance_using_subcommand policy; and __fish_seen_subcommand_from help" -f -a "check" -d 'What moving ALIAS of MODEL to VERSION needs under the policy, and what is missing'
complete -c clearance -n "__fish_clearance_using_subcommand policy; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c clearance -n "__fish_clearance_using_subcommand request" -l to -d 'The alias to move (default: the production alias)' -r
complete -c clearance -n "__fish_clearance_using_subcommand request" -l reason -d 'Why the move is wanted (required, except with --withdraw)' -r
complete -c clearance -n "__fish_clearance_using_subcommand request" -l tracking-uri -d 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)' -r
complete -c clearance -n "__fish_clearance_using_subcommand request" -l dvc-repo -d 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand request" -l wandb -d 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)' -r
complete -c clearance -n "__fish_clearance_using_subcommand request" -l wandb-registry -d 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project\'s model collections)' -r
complete -c clearance -n "__fish_clearance_using_subcommand request" -l wandb-base-url -d 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)' -r
complete -c clearance -n "__fish_clearance_using_subcommand request" -l config -d 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand request" -l profile -d 'A [profiles.NAME] table of the config to apply over its top-level settings' -r
complete -c clearance -n "__fish_clearance_using_subcommand request" -l repo -d 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)' -r
complete -c clearance -n "__fish_clearance_using_subcommand request" -l github-api-url -d 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)' -r
complete -c clearance -n "__fish_clearance_using_subcommand request" -l gitlab-project -d 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)' -r
complete -c clearance -n "__fish_clearance_using_subcommand request" -l gitlab-url -d 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)' -r
complete -c clearance -n "__fish_clearance_using_subcommand request" -l log-level -d 'How much the log records of clearance\'s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)' -r -f -a "off\t''
error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c clearance -n "__fish_clearance_using_subcommand request" -l withdraw -d 'Withdraw your open request for this move instead'
complete -c clearance -n "__fish_clearance_using_subcommand request" -l demo -d 'Open the bundled demo store (a copy in the data dir; nothing to install)'
complete -c clearance -n "__fish_clearance_using_subcommand request" -l reset -d 'With --demo: restore the demo store to its shipped state first'
complete -c clearance -n "__fish_clearance_using_subcommand request" -l read-only -d 'Remove every action that changes anything'
complete -c clearance -n "__fish_clearance_using_subcommand request" -l no-cache -d 'TUI: neither show nor keep the last run listing cached in the state dir'
complete -c clearance -n "__fish_clearance_using_subcommand request" -l no-mouse -d 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)'
complete -c clearance -n "__fish_clearance_using_subcommand request" -s h -l help -d 'Print help'
complete -c clearance -n "__fish_clearance_using_subcommand approve" -l to -d 'The alias the request moves (default: the production alias)' -r
complete -c clearance -n "__fish_clearance_using_subcommand approve" -l tracking-uri -d 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)' -r
complete -c clearance -n "__fish_clearance_using_subcommand approve" -l dvc-repo -d 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand approve" -l wandb -d 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)' -r
complete -c clearance -n "__fish_clearance_using_subcommand approve" -l wandb-registry -d 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project\'s model collections)' -r
complete -c clearance -n "__fish_clearance_using_subcommand approve" -l wandb-base-url -d 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)' -r
complete -c clearance -n "__fish_clearance_using_subcommand approve" -l config -d 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand approve" -l profile -d 'A [profiles.NAME] table of the config to apply over its top-level settings' -r
complete -c clearance -n "__fish_clearance_using_subcommand approve" -l repo -d 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)' -r
complete -c clearance -n "__fish_clearance_using_subcommand approve" -l github-api-url -d 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)' -r
complete -c clearance -n "__fish_clearance_using_subcommand approve" -l gitlab-project -d 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)' -r
complete -c clearance -n "__fish_clearance_using_subcommand approve" -l gitlab-url -d 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)' -r
complete -c clearance -n "__fish_clearance_using_subcommand approve" -l log-level -d 'How much the log records of clearance\'s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)' -r -f -a "off\t''
error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c clearance -n "__fish_clearance_using_subcommand approve" -l yes -d 'When the policy is met, make the move without asking'
complete -c clearance -n "__fish_clearance_using_subcommand approve" -l demo -d 'Open the bundled demo store (a copy in the data dir; nothing to install)'
complete -c clearance -n "__fish_clearance_using_subcommand approve" -l reset -d 'With --demo: restore the demo store to its shipped state first'
complete -c clearance -n "__fish_clearance_using_subcommand approve" -l read-only -d 'Remove every action that changes anything'
complete -c clearance -n "__fish_clearance_using_subcommand approve" -l no-cache -d 'TUI: neither show nor keep the last run listing cached in the state dir'
complete -c clearance -n "__fish_clearance_using_subcommand approve" -l no-mouse -d 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)'
complete -c clearance -n "__fish_clearance_using_subcommand approve" -s h -l help -d 'Print help'
complete -c clearance -n "__fish_clearance_using_subcommand audit" -l since -d 'From when: a date (2026-12-01, midnight UTC) or an RFC 3339 time' -r
complete -c clearance -n "__fish_clearance_using_subcommand audit" -l model -d 'The models: a glob over their names (default: every model)' -r
complete -c clearance -n "__fish_clearance_using_subcommand audit" -l format -d 'jsonl (one document per line, `clearance schema audit`), csv or md' -r -f -a "jsonl\t''
csv\t''
md\t''"
complete -c clearance -n "__fish_clearance_using_subcommand audit" -l tracking-uri -d 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)' -r
complete -c clearance -n "__fish_clearance_using_subcommand audit" -l dvc-repo -d 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand audit" -l wandb -d 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)' -r
complete -c clearance -n "__fish_clearance_using_subcommand audit" -l wandb-registry -d 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project\'s model collections)' -r
complete -c clearance -n "__fish_clearance_using_subcommand audit" -l wandb-base-url -d 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)' -r
complete -c clearance -n "__fish_clearance_using_subcommand audit" -l config -d 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand audit" -l profile -d 'A [profiles.NAME] table of the config to apply over its top-level settings' -r
complete -c clearance -n "__fish_clearance_using_subcommand audit" -l repo -d 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)' -r
complete -c clearance -n "__fish_clearance_using_subcommand audit" -l github-api-url -d 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)' -r
complete -c clearance -n "__fish_clearance_using_subcommand audit" -l gitlab-project -d 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)' -r
complete -c clearance -n "__fish_clearance_using_subcommand audit" -l gitlab-url -d 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)' -r
complete -c clearance -n "__fish_clearance_using_subcommand audit" -l log-level -d 'How much the log records of clearance\'s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)' -r -f -a "off\t''
error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c clearance -n "__fish_clearance_using_subcommand audit" -l demo -d 'Open the bundled demo store (a copy in the data dir; nothing to install)'
complete -c clearance -n "__fish_clearance_using_subcommand audit" -l reset -d 'With --demo: restore the demo store to its shipped state first'
complete -c clearance -n "__fish_clearance_using_subcommand audit" -l read-only -d 'Remove every action that changes anything'
complete -c clearance -n "__fish_clearance_using_subcommand audit" -l no-cache -d 'TUI: neither show nor keep the last run listing cached in the state dir'
complete -c clearance -n "__fish_clearance_using_subcommand audit" -l no-mouse -d 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)'
complete -c clearance -n "__fish_clearance_using_subcommand audit" -s h -l help -d 'Print help'
complete -c clearance -n "__fish_clearance_using_subcommand freeze" -l reason -d 'Why (required to freeze); recorded with the switch' -r
complete -c clearance -n "__fish_clearance_using_subcommand freeze" -l model -d 'The models to freeze or thaw: a glob over their names (default: every model)' -r
complete -c clearance -n "__fish_clearance_using_subcommand freeze" -l tracking-uri -d 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)' -r
complete -c clearance -n "__fish_clearance_using_subcommand freeze" -l dvc-repo -d 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand freeze" -l wandb -d 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)' -r
complete -c clearance -n "__fish_clearance_using_subcommand freeze" -l wandb-registry -d 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project\'s model collections)' -r
complete -c clearance -n "__fish_clearance_using_subcommand freeze" -l wandb-base-url -d 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)' -r
complete -c clearance -n "__fish_clearance_using_subcommand freeze" -l config -d 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand freeze" -l profile -d 'A [profiles.NAME] table of the config to apply over its top-level settings' -r
complete -c clearance -n "__fish_clearance_using_subcommand freeze" -l repo -d 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)' -r
complete -c clearance -n "__fish_clearance_using_subcommand freeze" -l github-api-url -d 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)' -r
complete -c clearance -n "__fish_clearance_using_subcommand freeze" -l gitlab-project -d 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)' -r
complete -c clearance -n "__fish_clearance_using_subcommand freeze" -l gitlab-url -d 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)' -r
complete -c clearance -n "__fish_clearance_using_subcommand freeze" -l log-level -d 'How much the log records of clearance\'s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)' -r -f -a "off\t''
error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c clearance -n "__fish_clearance_using_subcommand freeze" -l demo -d 'Open the bundled demo store (a copy in the data dir; nothing to install)'
complete -c clearance -n "__fish_clearance_using_subcommand freeze" -l reset -d 'With --demo: restore the demo store to its shipped state first'
complete -c clearance -n "__fish_clearance_using_subcommand freeze" -l read-only -d 'Remove every action that changes anything'
complete -c clearance -n "__fish_clearance_using_subcommand freeze" -l no-cache -d 'TUI: neither show nor keep the last run listing cached in the state dir'
complete -c clearance -n "__fish_clearance_using_subcommand freeze" -l no-mouse -d 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)'
complete -c clearance -n "__fish_clearance_using_subcommand freeze" -s h -l help -d 'Print help'
complete -c clearance -n "__fish_clearance_using_subcommand completions" -l tracking-uri -d 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)' -r
complete -c clearance -n "__fish_clearance_using_subcommand completions" -l dvc-repo -d 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand completions" -l wandb -d 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)' -r
complete -c clearance -n "__fish_clearance_using_subcommand completions" -l wandb-registry -d 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project\'s model collections)' -r
complete -c clearance -n "__fish_clearance_using_subcommand completions" -l wandb-base-url -d 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)' -r
complete -c clearance -n "__fish_clearance_using_subcommand completions" -l config -d 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand completions" -l profile -d 'A [profiles.NAME] table of the config to apply over its top-level settings' -r
complete -c clearance -n "__fish_clearance_using_subcommand completions" -l repo -d 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)' -r
complete -c clearance -n "__fish_clearance_using_subcommand completions" -l github-api-url -d 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)' -r
complete -c clearance -n "__fish_clearance_using_subcommand completions" -l gitlab-project -d 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)' -r
complete -c clearance -n "__fish_clearance_using_subcommand completions" -l gitlab-url -d 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)' -r
complete -c clearance -n "__fish_clearance_using_subcommand completions" -l log-level -d 'How much the log records of clearance\'s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)' -r -f -a "off\t''
error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c clearance -n "__fish_clearance_using_subcommand completions" -l demo -d 'Open the bundled demo store (a copy in the data dir; nothing to install)'
complete -c clearance -n "__fish_clearance_using_subcommand completions" -l reset -d 'With --demo: restore the demo store to its shipped state first'
complete -c clearance -n "__fish_clearance_using_subcommand completions" -l read-only -d 'Remove every action that changes anything'
complete -c clearance -n "__fish_clearance_using_subcommand completions" -l no-cache -d 'TUI: neither show nor keep the last run listing cached in the state dir'
complete -c clearance -n "__fish_clearance_using_subcommand completions" -l no-mouse -d 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)'
complete -c clearance -n "__fish_clearance_using_subcommand completions" -s h -l help -d 'Print help'
complete -c clearance -n "__fish_clearance_using_subcommand man" -l tracking-uri -d 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)' -r
complete -c clearance -n "__fish_clearance_using_subcommand man" -l dvc-repo -d 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand man" -l wandb -d 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)' -r
complete -c clearance -n "__fish_clearance_using_subcommand man" -l wandb-registry -d 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project\'s model collections)' -r
complete -c clearance -n "__fish_clearance_using_subcommand man" -l wandb-base-url -d 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)' -r
complete -c clearance -n "__fish_clearance_using_subcommand man" -l config -d 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand man" -l profile -d 'A [profiles.NAME] table of the config to apply over its top-level settings' -r
complete -c clearance -n "__fish_clearance_using_subcommand man" -l repo -d 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)' -r
complete -c clearance -n "__fish_clearance_using_subcommand man" -l github-api-url -d 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)' -r
complete -c clearance -n "__fish_clearance_using_subcommand man" -l gitlab-project -d 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)' -r
complete -c clearance -n "__fish_clearance_using_subcommand man" -l gitlab-url -d 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)' -r
complete -c clearance -n "__fish_clearance_using_subcommand man" -l log-level -d 'How much the log records of clearance\'s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)' -r -f -a "off\t''
error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c clearance -n "__fish_clearance_using_subcommand man" -l demo -d 'Open the bundled demo store (a copy in the data dir; nothing to install)'
complete -c clearance -n "__fish_clearance_using_subcommand man" -l reset -d 'With --demo: restore the demo store to its shipped state first'
complete -c clearance -n "__fish_clearance_using_subcommand man" -l read-only -d 'Remove every action that changes anything'
complete -c clearance -n "__fish_clearance_using_subcommand man" -l no-cache -d 'TUI: neither show nor keep the last run listing cached in the state dir'
complete -c clearance -n "__fish_clearance_using_subcommand man" -l no-mouse -d 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)'
complete -c clearance -n "__fish_clearance_using_subcommand man" -s h -l help -d 'Print help'
complete -c clearance -n "__fish_clearance_using_subcommand config; and not __fish_seen_subcommand_from path check init schema help" -l tracking-uri -d 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)' -r
complete -c clearance -n "__fish_clearance_using_subcommand config; and not __fish_seen_subcommand_from path check init schema help" -l dvc-repo -d 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand config; and not __fish_seen_subcommand_from path check init schema help" -l wandb -d 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)' -r
complete -c clearance -n "__fish_clearance_using_subcommand config; and not __fish_seen_subcommand_from path check init schema help" -l wandb-registry -d 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project\'s model collections)' -r
complete -c clearance -n "__fish_clearance_using_subcommand config; and not __fish_seen_subcommand_from path check init schema help" -l wandb-base-url -d 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)' -r
complete -c clearance -n "__fish_clearance_using_subcommand config; and not __fish_seen_subcommand_from path check init schema help" -l config -d 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand config; and not __fish_seen_subcommand_from path check init schema help" -l profile -d 'A [profiles.NAME] table of the config to apply over its top-level settings' -r
complete -c clearance -n "__fish_clearance_using_subcommand config; and not __fish_seen_subcommand_from path check init schema help" -l repo -d 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)' -r
complete -c clearance -n "__fish_clearance_using_subcommand config; and not __fish_seen_subcommand_from path check init schema help" -l github-api-url -d 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)' -r
complete -c clearance -n "__fish_clearance_using_subcommand config; and not __fish_seen_subcommand_from path check init schema help" -l gitlab-project -d 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)' -r
complete -c clearance -n "__fish_clearance_using_subcommand config; and not __fish_seen_subcommand_from path check init schema help" -l gitlab-url -d 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)' -r
complete -c clearance -n "__fish_clearance_using_subcommand config; and not __fish_seen_subcommand_from path check init schema help" -l log-level -d 'How much the log records of clearance\'s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)' -r -f -a "off\t''
error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c clearance -n "__fish_clearance_using_subcommand config; and not __fish_seen_subcommand_from path check init schema help" -l demo -d 'Open the bundled demo store (a copy in the data dir; nothing to install)'
complete -c clearance -n "__fish_clearance_using_subcommand config; and not __fish_seen_subcommand_from path check init schema help" -l reset -d 'With --demo: restore the demo store to its shipped state first'
complete -c clearance -n "__fish_clearance_using_subcommand config; and not __fish_seen_subcommand_from path check init schema help" -l read-only -d 'Remove every action that changes anything'
complete -c clearance -n "__fish_clearance_using_subcommand config; and not __fish_seen_subcommand_from path check init schema help" -l no-cache -d 'TUI: neither show nor keep the last run listing cached in the state dir'
complete -c clearance -n "__fish_clearance_using_subcommand config; and not __fish_seen_subcommand_from path check init schema help" -l no-mouse -d 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)'
complete -c clearance -n "__fish_clearance_using_subcommand config; and not __fish_seen_subcommand_from path check init schema help" -s h -l help -d 'Print help'
complete -c clearance -n "__fish_clearance_using_subcommand config; and not __fish_seen_subcommand_from path check init schema help" -f -a "path" -d 'Print the config file clearance reads, and whether it exists'
complete -c clearance -n "__fish_clearance_using_subcommand config; and not __fish_seen_subcommand_from path check init schema help" -f -a "check" -d 'Load and check the config (with every profile); print each problem with its key. Exit 0 valid, 1 problems found, 2 the file cannot be read'
complete -c clearance -n "__fish_clearance_using_subcommand config; and not __fish_seen_subcommand_from path check init schema help" -f -a "init" -d 'Write the commented example config, and its JSON Schema next to it'
complete -c clearance -n "__fish_clearance_using_subcommand config; and not __fish_seen_subcommand_from path check init schema help" -f -a "schema" -d 'Print the JSON Schema of the config file (for taplo and editors\' TOML extensions)'
complete -c clearance -n "__fish_clearance_using_subcommand config; and not __fish_seen_subcommand_from path check init schema help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from path" -l tracking-uri -d 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)' -r
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from path" -l dvc-repo -d 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from path" -l wandb -d 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)' -r
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from path" -l wandb-registry -d 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project\'s model collections)' -r
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from path" -l wandb-base-url -d 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)' -r
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from path" -l config -d 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from path" -l profile -d 'A [profiles.NAME] table of the config to apply over its top-level settings' -r
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from path" -l repo -d 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)' -r
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from path" -l github-api-url -d 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)' -r
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from path" -l gitlab-project -d 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)' -r
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from path" -l gitlab-url -d 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)' -r
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from path" -l log-level -d 'How much the log records of clearance\'s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)' -r -f -a "off\t''
error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from path" -l demo -d 'Open the bundled demo store (a copy in the data dir; nothing to install)'
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from path" -l reset -d 'With --demo: restore the demo store to its shipped state first'
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from path" -l read-only -d 'Remove every action that changes anything'
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from path" -l no-cache -d 'TUI: neither show nor keep the last run listing cached in the state dir'
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from path" -l no-mouse -d 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)'
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from path" -s h -l help -d 'Print help'
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from check" -l tracking-uri -d 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)' -r
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from check" -l dvc-repo -d 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from check" -l wandb -d 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)' -r
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from check" -l wandb-registry -d 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project\'s model collections)' -r
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from check" -l wandb-base-url -d 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)' -r
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from check" -l config -d 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from check" -l profile -d 'A [profiles.NAME] table of the config to apply over its top-level settings' -r
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from check" -l repo -d 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)' -r
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from check" -l github-api-url -d 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)' -r
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from check" -l gitlab-project -d 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)' -r
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from check" -l gitlab-url -d 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)' -r
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from check" -l log-level -d 'How much the log records of clearance\'s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)' -r -f -a "off\t''
error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from check" -l demo -d 'Open the bundled demo store (a copy in the data dir; nothing to install)'
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from check" -l reset -d 'With --demo: restore the demo store to its shipped state first'
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from check" -l read-only -d 'Remove every action that changes anything'
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from check" -l no-cache -d 'TUI: neither show nor keep the last run listing cached in the state dir'
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from check" -l no-mouse -d 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)'
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from init" -l tracking-uri -d 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)' -r
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from init" -l dvc-repo -d 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from init" -l wandb -d 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)' -r
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from init" -l wandb-registry -d 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project\'s model collections)' -r
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from init" -l wandb-base-url -d 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)' -r
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from init" -l config -d 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from init" -l profile -d 'A [profiles.NAME] table of the config to apply over its top-level settings' -r
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from init" -l repo -d 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)' -r
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from init" -l github-api-url -d 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)' -r
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from init" -l gitlab-project -d 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)' -r
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from init" -l gitlab-url -d 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)' -r
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from init" -l log-level -d 'How much the log records of clearance\'s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)' -r -f -a "off\t''
error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from init" -l force -d 'Overwrite an existing config file'
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from init" -l demo -d 'Open the bundled demo store (a copy in the data dir; nothing to install)'
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from init" -l reset -d 'With --demo: restore the demo store to its shipped state first'
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from init" -l read-only -d 'Remove every action that changes anything'
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from init" -l no-cache -d 'TUI: neither show nor keep the last run listing cached in the state dir'
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from init" -l no-mouse -d 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)'
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help'
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from schema" -l tracking-uri -d 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)' -r
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from schema" -l dvc-repo -d 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from schema" -l wandb -d 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)' -r
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from schema" -l wandb-registry -d 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project\'s model collections)' -r
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from schema" -l wandb-base-url -d 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)' -r
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from schema" -l config -d 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from schema" -l profile -d 'A [profiles.NAME] table of the config to apply over its top-level settings' -r
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from schema" -l repo -d 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)' -r
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from schema" -l github-api-url -d 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)' -r
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from schema" -l gitlab-project -d 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)' -r
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from schema" -l gitlab-url -d 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)' -r
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from schema" -l log-level -d 'How much the log records of clearance\'s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)' -r -f -a "off\t''
error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from schema" -l demo -d 'Open the bundled demo store (a copy in the data dir; nothing to install)'
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from schema" -l reset -d 'With --demo: restore the demo store to its shipped state first'
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from schema" -l read-only -d 'Remove every action that changes anything'
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from schema" -l no-cache -d 'TUI: neither show nor keep the last run listing cached in the state dir'
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from schema" -l no-mouse -d 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)'
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from schema" -s h -l help -d 'Print help'
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "path" -d 'Print the config file clearance reads, and whether it exists'
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "check" -d 'Load and check the config (with every profile); print each problem with its key. Exit 0 valid, 1 problems found, 2 the file cannot be read'
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "init" -d 'Write the commented example config, and its JSON Schema next to it'
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "schema" -d 'Print the JSON Schema of the config file (for taplo and editors\' TOML extensions)'
complete -c clearance -n "__fish_clearance_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c clearance -n "__fish_clearance_using_subcommand schema" -l tracking-uri -d 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)' -r
complete -c clearance -n "__fish_clearance_using_subcommand schema" -l dvc-repo -d 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand schema" -l wandb -d 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)' -r
complete -c clearance -n "__fish_clearance_using_subcommand schema" -l wandb-registry -d 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project\'s model collections)' -r
complete -c clearance -n "__fish_clearance_using_subcommand schema" -l wandb-base-url -d 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)' -r
complete -c clearance -n "__fish_clearance_using_subcommand schema" -l config -d 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)' -r -F
complete -c clearance -n "__fish_clearance_using_subcommand schema" -l profile -d 'A [profiles.NAME] table of the config to apply over its top-level settings' -r
complete -c clearance -n "__fish_clearance_using_subcommand schema" -l repo -d 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)' -r
complete -c clearance -n "__fish_clearance_using_subcommand schema" -l github-api-url -d 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)' -r
complete -c clearance -n "__fish_clearance_using_subcommand schema" -l gitlab-project -d 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)' -r
complete -c clearance -n "__fish_clearance_using_subcommand schema" -l gitlab-url -d 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)' -r
complete -c clearance -n "__fish_clearance_using_subcommand schema" -l log-level -d 'How much the log records of clearance\'s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)' -r -f -a "off\t''
error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c clearance -n "__fish_clearance_using_subcommand schema" -l demo -d 'Open the bundled demo store (a copy in the data dir; nothing to install)'
complete -c clearance -n "__fish_clearance_using_subcommand schema" -l reset -d 'With --demo: restore the demo store to its shipped state first'
complete -c clearance -n "__fish_clearance_using_subcommand schema" -l read-only -d 'Remove every action that changes anything'
complete -c clearance -n "__fish_clearance_using_subcommand schema" -l no-cache -d 'TUI: neither show nor keep the last run listing cached in the state dir'
complete -c clearance -n "__fish_clearance_using_subcommand schema" -l no-mouse -d 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)'
complete -c clearance -n "__fish_clearance_using_subcommand schema" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c clearance -n "__fish_clearance_using_subcommand help; and not __fish_seen_subcommand_from runs models diff promote rollback history baseline alerts apply comment prs policy request approve audit freeze completions man config schema help" -f -a "runs" -d 'List runs with their latest metrics, params and tags'
complete -c clearance -n "__fish_clearance_using_subcommand help; and not __fish_seen_subcommand_from runs models diff promote rollback history baseline alerts apply comment prs policy request approve audit freeze completions man config schema help" -f -a "models" -d 'List registered models with their versions and aliases'
complete -c clearance -n "__fish_clearance_using_subcommand help; and not __fish_seen_subcommand_from runs models diff promote rollback history baseline alerts apply comment prs policy request approve audit freeze completions man config schema help" -f -a "diff" -d 'Compare a model\'s candidate with its baseline; exit 1 when a gate fails'
complete -c clearance -n "__fish_clearance_using_subcommand help; and not __fish_seen_subcommand_from runs models diff promote rollback history baseline alerts apply comment prs policy request approve audit freeze completions man config schema help" -f -a "promote" -d 'Move an alias (production by default) to a version, after the gates and a confirmation'
complete -c clearance -n "__fish_clearance_using_subcommand help; and not __fish_seen_subcommand_from runs models diff promote rollback history baseline alerts apply comment prs policy request approve audit freeze completions man config schema help" -f -a "rollback" -d 'Move the production alias back to the version it held before'
complete -c clearance -n "__fish_clearance_using_subcommand help; and not __fish_seen_subcommand_from runs models diff promote rollback history baseline alerts apply comment prs policy request approve audit freeze completions man config schema help" -f -a "history" -d 'Show who moved a model\'s aliases, when, and why'
complete -c clearance -n "__fish_clearance_using_subcommand help; and not __fish_seen_subcommand_from runs models diff promote rollback history baseline alerts apply comment prs policy request approve audit freeze completions man config schema help" -f -a "baseline" -d 'Make a run its experiment\'s baseline'
complete -c clearance -n "__fish_clearance_using_subcommand help; and not __fish_seen_subcommand_from runs models diff promote rollback history baseline alerts apply comment prs policy request approve audit freeze completions man config schema help" -f -a "alerts" -d 'Evaluate the alert rules over monitoring series; exit 0 none firing, 1 a warning, 2 a critical alert, 3 an error'
complete -c clearance -n "__fish_clearance_using_subcommand help; and not __fish_seen_subcommand_from runs models diff promote rollback history baseline alerts apply comment prs policy request approve audit freeze completions man config schema help" -f -a "apply" -d 'Make the registry match a deployment file (run by CI after a promotion PR merges)'
complete -c clearance -n "__fish_clearance_using_subcommand help; and not __fish_seen_subcommand_from runs models diff promote rollback history baseline alerts apply comment prs policy request approve audit freeze completions man config schema help" -f -a "comment" -d 'Post the diff report on a pull request, or update the one posted before'
complete -c clearance -n "__fish_clearance_using_subcommand help; and not __fish_seen_subcommand_from runs models diff promote rollback history baseline alerts apply comment prs policy request approve audit freeze completions man config schema help" -f -a "prs" -d 'List open pull requests with CI, reviews and the model version each promotion PR pins'
complete -c clearance -n "__fish_clearance_using_subcommand help; and not __fish_seen_subcommand_from runs models diff promote rollback history baseline alerts apply comment prs policy request approve audit freeze completions man config schema help" -f -a "policy" -d 'Explain what the promotion policy asks of a move, point by point; exit 0 when it would be allowed, 1 when something is missing'
complete -c clearance -n "__fish_clearance_using_subcommand help; and not __fish_seen_subcommand_from runs models diff promote rollback history baseline alerts apply comment prs policy request approve audit freeze completions man config schema help" -f -a "request" -d 'Ask for a move: record a promotion request in the store, with the gates now, for others to approve (`--withdraw` takes it back)'
complete -c clearance -n "__fish_clearance_using_subcommand help; and not __fish_seen_subcommand_from runs models diff promote rollback history baseline alerts apply comment prs policy request approve audit freeze completions man config schema help" -f -a "approve" -d 'Approve a promotion request; when the policy is then met, confirm to make the move'
complete -c clearance -n "__fish_clearance_using_subcommand help; and not __fish_seen_subcommand_from runs models diff promote rollback history baseline alerts apply comment prs policy request approve audit freeze completions man config schema help" -f -a "audit" -d 'Export the audit trail: every recorded move, request, approval, override, refusal and freeze, and the aliases moved outside clearance'
complete -c clearance -n "__fish_clearance_using_subcommand help; and not __fish_seen_subcommand_from runs models diff promote rollback history baseline alerts apply comment prs policy request approve audit freeze completions man config schema help" -f -a "freeze" -d 'Set or clear the freeze switch: while it is on, the policy refuses moves of frozen aliases (production, champion) unless overridden with a reason'
complete -c clearance -n "__fish_clearance_using_subcommand help; and not __fish_seen_subcommand_from runs models diff promote rollback history baseline alerts apply comment prs policy request approve audit freeze completions man config schema help" -f -a "completions" -d 'Print a shell completion script: `clearance completions bash > ~/.local/share/bash-completion/completions/clearance`'
complete -c clearance -n "__fish_clearance_using_subcommand help; and not __fish_seen_subcommand_from runs models diff promote rollback history baseline alerts apply comment prs policy request approve audit freeze completions man config schema help" -f -a "man" -d 'Print the manual page (roff): `clearance man > ~/.local/share/man/man1/clearance.1`'
complete -c clearance -n "__fish_clearance_using_subcommand help; and not __fish_seen_subcommand_from runs models diff promote rollback history baseline alerts apply comment prs policy request approve audit freeze completions man config schema help" -f -a "config" -d 'The config file: where it is read from, check it, write a commented one, its schema'
complete -c clearance -n "__fish_clearance_using_subcommand help; and not __fish_seen_subcommand_from runs models diff promote rollback history baseline alerts apply comment prs policy request approve audit freeze completions man config schema help" -f -a "schema" -d 'Print the JSON Schema of a command\'s --json output'
complete -c clearance -n "__fish_clearance_using_subcommand help; and not __fish_seen_subcommand_from runs models diff promote rollback history baseline alerts apply comment prs policy request approve audit freeze completions man config schema help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c clearance -n "__fish_clearance_using_subcommand help; and __fish_seen_subcommand_from alerts" -f -a "ack" -d 'Acknowledge an alert: someone is on it. It is listed below the unanswered ones and still counts for the exit code'
complete -c clearance -n "__fish_clearance_using_subcommand help; and __fish_seen_subcommand_from alerts" -f -a "silence" -d 'Silence an alert for a while: it does not count for the exit code until then'
complete -c clearance -n "__fish_clearance_using_subcommand help; and __fish_seen_subcommand_from alerts" -f -a "unack" -d 'Take back an alert\'s acknowledgement or silence'
complete -c clearance -n "__fish_clearance_using_subcommand help; and __fish_seen_subcommand_from policy" -f -a "check" -d 'What moving ALIAS of MODEL to VERSION needs under the policy, and what is missing'
complete -c clearance -n "__fish_clearance_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "path" -d 'Print the config file clearance reads, and whether it exists'
complete -c clearance -n "__fish_clearance_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "check" -d 'Load and check the config (with every profile); print each problem with its key. Exit 0 valid, 1 problems found, 2 the file cannot be read'
complete -c clearance -n "__fish_clearance_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "init" -d 'Write the commented example config, and its JSON Schema next to it'
complete -c clearance -n "__fish_clearance_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "schema" -d 'Print the JSON Schema of the config file (for taplo and editors\' TOML extensions)'
