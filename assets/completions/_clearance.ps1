
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'clearance' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'clearance'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'clearance' {
            [CompletionResult]::new('--tracking-uri', '--tracking-uri', [CompletionResultType]::ParameterName, 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)')
            [CompletionResult]::new('--dvc-repo', '--dvc-repo', [CompletionResultType]::ParameterName, 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed')
            [CompletionResult]::new('--wandb', '--wandb', [CompletionResultType]::ParameterName, 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)')
            [CompletionResult]::new('--wandb-registry', '--wandb-registry', [CompletionResultType]::ParameterName, 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project''s model collections)')
            [CompletionResult]::new('--wandb-base-url', '--wandb-base-url', [CompletionResultType]::ParameterName, 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A [profiles.NAME] table of the config to apply over its top-level settings')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)')
            [CompletionResult]::new('--github-api-url', '--github-api-url', [CompletionResultType]::ParameterName, 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)')
            [CompletionResult]::new('--gitlab-project', '--gitlab-project', [CompletionResultType]::ParameterName, 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)')
            [CompletionResult]::new('--gitlab-url', '--gitlab-url', [CompletionResultType]::ParameterName, 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much the log records of clearance''s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Open the bundled demo store (a copy in the data dir; nothing to install)')
            [CompletionResult]::new('--reset', '--reset', [CompletionResultType]::ParameterName, 'With --demo: restore the demo store to its shipped state first')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'Remove every action that changes anything')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'TUI: neither show nor keep the last run listing cached in the state dir')
            [CompletionResult]::new('--no-mouse', '--no-mouse', [CompletionResultType]::ParameterName, 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('runs', 'runs', [CompletionResultType]::ParameterValue, 'List runs with their latest metrics, params and tags')
            [CompletionResult]::new('models', 'models', [CompletionResultType]::ParameterValue, 'List registered models with their versions and aliases')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Compare a model''s candidate with its baseline; exit 1 when a gate fails')
            [CompletionResult]::new('promote', 'promote', [CompletionResultType]::ParameterValue, 'Move an alias (production by default) to a version, after the gates and a confirmation')
            [CompletionResult]::new('rollback', 'rollback', [CompletionResultType]::ParameterValue, 'Move the production alias back to the version it held before')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Show who moved a model''s aliases, when, and why')
            [CompletionResult]::new('baseline', 'baseline', [CompletionResultType]::ParameterValue, 'Make a run its experiment''s baseline')
            [CompletionResult]::new('alerts', 'alerts', [CompletionResultType]::ParameterValue, 'Evaluate the alert rules over monitoring series; exit 0 none firing, 1 a warning, 2 a critical alert, 3 an error')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Make the registry match a deployment file (run by CI after a promotion PR merges)')
            [CompletionResult]::new('comment', 'comment', [CompletionResultType]::ParameterValue, 'Post the diff report on a pull request, or update the one posted before')
            [CompletionResult]::new('prs', 'prs', [CompletionResultType]::ParameterValue, 'List open pull requests with CI, reviews and the model version each promotion PR pins')
            [CompletionResult]::new('policy', 'policy', [CompletionResultType]::ParameterValue, 'Explain what the promotion policy asks of a move, point by point; exit 0 when it would be allowed, 1 when something is missing')
            [CompletionResult]::new('request', 'request', [CompletionResultType]::ParameterValue, 'Ask for a move: record a promotion request in the store, with the gates now, for others to approve (`--withdraw` takes it back)')
            [CompletionResult]::new('approve', 'approve', [CompletionResultType]::ParameterValue, 'Approve a promotion request; when the policy is then met, confirm to make the move')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Export the audit trail: every recorded move, request, approval, override, refusal and freeze, and the aliases moved outside clearance')
            [CompletionResult]::new('freeze', 'freeze', [CompletionResultType]::ParameterValue, 'Set or clear the freeze switch: while it is on, the policy refuses moves of frozen aliases (production, champion) unless overridden with a reason')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script: `clearance completions bash > ~/.local/share/bash-completion/completions/clearance`')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the manual page (roff): `clearance man > ~/.local/share/man/man1/clearance.1`')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'The config file: where it is read from, check it, write a commented one, its schema')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the JSON Schema of a command''s --json output')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'clearance;runs' {
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Only runs of this experiment (name or id); repeat for several. Default: all')
            [CompletionResult]::new('--experiment', '--experiment', [CompletionResultType]::ParameterName, 'Only runs of this experiment (name or id); repeat for several. Default: all')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'An MLflow search expression, e.g. "metrics.loss < 0.5 and params.model = ''xgb''"')
            [CompletionResult]::new('--tracking-uri', '--tracking-uri', [CompletionResultType]::ParameterName, 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)')
            [CompletionResult]::new('--dvc-repo', '--dvc-repo', [CompletionResultType]::ParameterName, 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed')
            [CompletionResult]::new('--wandb', '--wandb', [CompletionResultType]::ParameterName, 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)')
            [CompletionResult]::new('--wandb-registry', '--wandb-registry', [CompletionResultType]::ParameterName, 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project''s model collections)')
            [CompletionResult]::new('--wandb-base-url', '--wandb-base-url', [CompletionResultType]::ParameterName, 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A [profiles.NAME] table of the config to apply over its top-level settings')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)')
            [CompletionResult]::new('--github-api-url', '--github-api-url', [CompletionResultType]::ParameterName, 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)')
            [CompletionResult]::new('--gitlab-project', '--gitlab-project', [CompletionResultType]::ParameterName, 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)')
            [CompletionResult]::new('--gitlab-url', '--gitlab-url', [CompletionResultType]::ParameterName, 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much the log records of clearance''s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a table')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Open the bundled demo store (a copy in the data dir; nothing to install)')
            [CompletionResult]::new('--reset', '--reset', [CompletionResultType]::ParameterName, 'With --demo: restore the demo store to its shipped state first')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'Remove every action that changes anything')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'TUI: neither show nor keep the last run listing cached in the state dir')
            [CompletionResult]::new('--no-mouse', '--no-mouse', [CompletionResultType]::ParameterName, 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'clearance;models' {
            [CompletionResult]::new('--tracking-uri', '--tracking-uri', [CompletionResultType]::ParameterName, 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)')
            [CompletionResult]::new('--dvc-repo', '--dvc-repo', [CompletionResultType]::ParameterName, 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed')
            [CompletionResult]::new('--wandb', '--wandb', [CompletionResultType]::ParameterName, 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)')
            [CompletionResult]::new('--wandb-registry', '--wandb-registry', [CompletionResultType]::ParameterName, 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project''s model collections)')
            [CompletionResult]::new('--wandb-base-url', '--wandb-base-url', [CompletionResultType]::ParameterName, 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A [profiles.NAME] table of the config to apply over its top-level settings')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)')
            [CompletionResult]::new('--github-api-url', '--github-api-url', [CompletionResultType]::ParameterName, 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)')
            [CompletionResult]::new('--gitlab-project', '--gitlab-project', [CompletionResultType]::ParameterName, 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)')
            [CompletionResult]::new('--gitlab-url', '--gitlab-url', [CompletionResultType]::ParameterName, 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much the log records of clearance''s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a table')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Open the bundled demo store (a copy in the data dir; nothing to install)')
            [CompletionResult]::new('--reset', '--reset', [CompletionResultType]::ParameterName, 'With --demo: restore the demo store to its shipped state first')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'Remove every action that changes anything')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'TUI: neither show nor keep the last run listing cached in the state dir')
            [CompletionResult]::new('--no-mouse', '--no-mouse', [CompletionResultType]::ParameterName, 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'clearance;diff' {
            [CompletionResult]::new('--candidate', '--candidate', [CompletionResultType]::ParameterName, '@ALIAS, a version number, or run:RUN_ID (default: the staging alias)')
            [CompletionResult]::new('--baseline', '--baseline', [CompletionResultType]::ParameterName, '@ALIAS, a version number, or run:RUN_ID (default: the production alias)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'format')
            [CompletionResult]::new('--tracking-uri', '--tracking-uri', [CompletionResultType]::ParameterName, 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)')
            [CompletionResult]::new('--dvc-repo', '--dvc-repo', [CompletionResultType]::ParameterName, 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed')
            [CompletionResult]::new('--wandb', '--wandb', [CompletionResultType]::ParameterName, 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)')
            [CompletionResult]::new('--wandb-registry', '--wandb-registry', [CompletionResultType]::ParameterName, 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project''s model collections)')
            [CompletionResult]::new('--wandb-base-url', '--wandb-base-url', [CompletionResultType]::ParameterName, 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A [profiles.NAME] table of the config to apply over its top-level settings')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)')
            [CompletionResult]::new('--github-api-url', '--github-api-url', [CompletionResultType]::ParameterName, 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)')
            [CompletionResult]::new('--gitlab-project', '--gitlab-project', [CompletionResultType]::ParameterName, 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)')
            [CompletionResult]::new('--gitlab-url', '--gitlab-url', [CompletionResultType]::ParameterName, 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much the log records of clearance''s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Open the bundled demo store (a copy in the data dir; nothing to install)')
            [CompletionResult]::new('--reset', '--reset', [CompletionResultType]::ParameterName, 'With --demo: restore the demo store to its shipped state first')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'Remove every action that changes anything')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'TUI: neither show nor keep the last run listing cached in the state dir')
            [CompletionResult]::new('--no-mouse', '--no-mouse', [CompletionResultType]::ParameterName, 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'clearance;promote' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The alias to move (default: the production alias)')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why; recorded with the change (required with --override-gates)')
            [CompletionResult]::new('--override-reason', '--override-reason', [CompletionResultType]::ParameterName, 'Move despite a freeze of the promotion policy (a window, the switch, a critical alert); the reason is recorded with the override')
            [CompletionResult]::new('--override-second', '--override-second', [CompletionResultType]::ParameterName, 'The second person the policy asks for to override a freeze (`override_needs_second`)')
            [CompletionResult]::new('--via', '--via', [CompletionResultType]::ParameterName, 'direct: move the alias now; pr: open a pull request pinning the version in the deployment file (default: promotion.via, per model in promotion.via_model)')
            [CompletionResult]::new('--tracking-uri', '--tracking-uri', [CompletionResultType]::ParameterName, 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)')
            [CompletionResult]::new('--dvc-repo', '--dvc-repo', [CompletionResultType]::ParameterName, 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed')
            [CompletionResult]::new('--wandb', '--wandb', [CompletionResultType]::ParameterName, 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)')
            [CompletionResult]::new('--wandb-registry', '--wandb-registry', [CompletionResultType]::ParameterName, 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project''s model collections)')
            [CompletionResult]::new('--wandb-base-url', '--wandb-base-url', [CompletionResultType]::ParameterName, 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A [profiles.NAME] table of the config to apply over its top-level settings')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)')
            [CompletionResult]::new('--github-api-url', '--github-api-url', [CompletionResultType]::ParameterName, 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)')
            [CompletionResult]::new('--gitlab-project', '--gitlab-project', [CompletionResultType]::ParameterName, 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)')
            [CompletionResult]::new('--gitlab-url', '--gitlab-url', [CompletionResultType]::ParameterName, 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much the log records of clearance''s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan and the gates; change nothing')
            [CompletionResult]::new('--override-gates', '--override-gates', [CompletionResultType]::ParameterName, 'Promote even though gates fail (needs --reason)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print what was planned, how it ended and the record written, as JSON (`clearance schema change`)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Open the bundled demo store (a copy in the data dir; nothing to install)')
            [CompletionResult]::new('--reset', '--reset', [CompletionResultType]::ParameterName, 'With --demo: restore the demo store to its shipped state first')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'Remove every action that changes anything')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'TUI: neither show nor keep the last run listing cached in the state dir')
            [CompletionResult]::new('--no-mouse', '--no-mouse', [CompletionResultType]::ParameterName, 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'clearance;rollback' {
            [CompletionResult]::new('--alias', '--alias', [CompletionResultType]::ParameterName, 'The alias to roll back (default: the production alias)')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why; recorded with the change')
            [CompletionResult]::new('--override-reason', '--override-reason', [CompletionResultType]::ParameterName, 'Move despite a freeze of the promotion policy; the reason is recorded with the override (a rollback needs none during a critical alert)')
            [CompletionResult]::new('--override-second', '--override-second', [CompletionResultType]::ParameterName, 'The second person the policy asks for to override a freeze (`override_needs_second`)')
            [CompletionResult]::new('--tracking-uri', '--tracking-uri', [CompletionResultType]::ParameterName, 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)')
            [CompletionResult]::new('--dvc-repo', '--dvc-repo', [CompletionResultType]::ParameterName, 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed')
            [CompletionResult]::new('--wandb', '--wandb', [CompletionResultType]::ParameterName, 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)')
            [CompletionResult]::new('--wandb-registry', '--wandb-registry', [CompletionResultType]::ParameterName, 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project''s model collections)')
            [CompletionResult]::new('--wandb-base-url', '--wandb-base-url', [CompletionResultType]::ParameterName, 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A [profiles.NAME] table of the config to apply over its top-level settings')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)')
            [CompletionResult]::new('--github-api-url', '--github-api-url', [CompletionResultType]::ParameterName, 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)')
            [CompletionResult]::new('--gitlab-project', '--gitlab-project', [CompletionResultType]::ParameterName, 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)')
            [CompletionResult]::new('--gitlab-url', '--gitlab-url', [CompletionResultType]::ParameterName, 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much the log records of clearance''s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan; change nothing')
            [CompletionResult]::new('--override-gates', '--override-gates', [CompletionResultType]::ParameterName, 'Move even though gates fail (needs --reason); the override is recorded')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print what was planned, how it ended and the record written, as JSON (`clearance schema change`)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Open the bundled demo store (a copy in the data dir; nothing to install)')
            [CompletionResult]::new('--reset', '--reset', [CompletionResultType]::ParameterName, 'With --demo: restore the demo store to its shipped state first')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'Remove every action that changes anything')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'TUI: neither show nor keep the last run listing cached in the state dir')
            [CompletionResult]::new('--no-mouse', '--no-mouse', [CompletionResultType]::ParameterName, 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'clearance;history' {
            [CompletionResult]::new('--tracking-uri', '--tracking-uri', [CompletionResultType]::ParameterName, 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)')
            [CompletionResult]::new('--dvc-repo', '--dvc-repo', [CompletionResultType]::ParameterName, 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed')
            [CompletionResult]::new('--wandb', '--wandb', [CompletionResultType]::ParameterName, 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)')
            [CompletionResult]::new('--wandb-registry', '--wandb-registry', [CompletionResultType]::ParameterName, 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project''s model collections)')
            [CompletionResult]::new('--wandb-base-url', '--wandb-base-url', [CompletionResultType]::ParameterName, 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A [profiles.NAME] table of the config to apply over its top-level settings')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)')
            [CompletionResult]::new('--github-api-url', '--github-api-url', [CompletionResultType]::ParameterName, 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)')
            [CompletionResult]::new('--gitlab-project', '--gitlab-project', [CompletionResultType]::ParameterName, 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)')
            [CompletionResult]::new('--gitlab-url', '--gitlab-url', [CompletionResultType]::ParameterName, 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much the log records of clearance''s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a table')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Open the bundled demo store (a copy in the data dir; nothing to install)')
            [CompletionResult]::new('--reset', '--reset', [CompletionResultType]::ParameterName, 'With --demo: restore the demo store to its shipped state first')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'Remove every action that changes anything')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'TUI: neither show nor keep the last run listing cached in the state dir')
            [CompletionResult]::new('--no-mouse', '--no-mouse', [CompletionResultType]::ParameterName, 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'clearance;baseline' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why; recorded with the change')
            [CompletionResult]::new('--tracking-uri', '--tracking-uri', [CompletionResultType]::ParameterName, 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)')
            [CompletionResult]::new('--dvc-repo', '--dvc-repo', [CompletionResultType]::ParameterName, 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed')
            [CompletionResult]::new('--wandb', '--wandb', [CompletionResultType]::ParameterName, 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)')
            [CompletionResult]::new('--wandb-registry', '--wandb-registry', [CompletionResultType]::ParameterName, 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project''s model collections)')
            [CompletionResult]::new('--wandb-base-url', '--wandb-base-url', [CompletionResultType]::ParameterName, 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A [profiles.NAME] table of the config to apply over its top-level settings')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)')
            [CompletionResult]::new('--github-api-url', '--github-api-url', [CompletionResultType]::ParameterName, 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)')
            [CompletionResult]::new('--gitlab-project', '--gitlab-project', [CompletionResultType]::ParameterName, 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)')
            [CompletionResult]::new('--gitlab-url', '--gitlab-url', [CompletionResultType]::ParameterName, 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much the log records of clearance''s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan; change nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print what was planned, how it ended and the record written, as JSON (`clearance schema change`)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Open the bundled demo store (a copy in the data dir; nothing to install)')
            [CompletionResult]::new('--reset', '--reset', [CompletionResultType]::ParameterName, 'With --demo: restore the demo store to its shipped state first')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'Remove every action that changes anything')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'TUI: neither show nor keep the last run listing cached in the state dir')
            [CompletionResult]::new('--no-mouse', '--no-mouse', [CompletionResultType]::ParameterName, 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'clearance;alerts' {
            [CompletionResult]::new('--tracking-uri', '--tracking-uri', [CompletionResultType]::ParameterName, 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)')
            [CompletionResult]::new('--dvc-repo', '--dvc-repo', [CompletionResultType]::ParameterName, 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed')
            [CompletionResult]::new('--wandb', '--wandb', [CompletionResultType]::ParameterName, 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)')
            [CompletionResult]::new('--wandb-registry', '--wandb-registry', [CompletionResultType]::ParameterName, 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project''s model collections)')
            [CompletionResult]::new('--wandb-base-url', '--wandb-base-url', [CompletionResultType]::ParameterName, 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A [profiles.NAME] table of the config to apply over its top-level settings')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)')
            [CompletionResult]::new('--github-api-url', '--github-api-url', [CompletionResultType]::ParameterName, 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)')
            [CompletionResult]::new('--gitlab-project', '--gitlab-project', [CompletionResultType]::ParameterName, 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)')
            [CompletionResult]::new('--gitlab-url', '--gitlab-url', [CompletionResultType]::ParameterName, 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much the log records of clearance''s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a table')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Open the bundled demo store (a copy in the data dir; nothing to install)')
            [CompletionResult]::new('--reset', '--reset', [CompletionResultType]::ParameterName, 'With --demo: restore the demo store to its shipped state first')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'Remove every action that changes anything')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'TUI: neither show nor keep the last run listing cached in the state dir')
            [CompletionResult]::new('--no-mouse', '--no-mouse', [CompletionResultType]::ParameterName, 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('ack', 'ack', [CompletionResultType]::ParameterValue, 'Acknowledge an alert: someone is on it. It is listed below the unanswered ones and still counts for the exit code')
            [CompletionResult]::new('silence', 'silence', [CompletionResultType]::ParameterValue, 'Silence an alert for a while: it does not count for the exit code until then')
            [CompletionResult]::new('unack', 'unack', [CompletionResultType]::ParameterValue, 'Take back an alert''s acknowledgement or silence')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'clearance;alerts;ack' {
            [CompletionResult]::new('--metric', '--metric', [CompletionResultType]::ParameterName, 'The metric, when the rule watches several (a glob such as psi_*)')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (required); recorded with who and when')
            [CompletionResult]::new('--tracking-uri', '--tracking-uri', [CompletionResultType]::ParameterName, 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)')
            [CompletionResult]::new('--dvc-repo', '--dvc-repo', [CompletionResultType]::ParameterName, 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed')
            [CompletionResult]::new('--wandb', '--wandb', [CompletionResultType]::ParameterName, 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)')
            [CompletionResult]::new('--wandb-registry', '--wandb-registry', [CompletionResultType]::ParameterName, 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project''s model collections)')
            [CompletionResult]::new('--wandb-base-url', '--wandb-base-url', [CompletionResultType]::ParameterName, 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A [profiles.NAME] table of the config to apply over its top-level settings')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)')
            [CompletionResult]::new('--github-api-url', '--github-api-url', [CompletionResultType]::ParameterName, 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)')
            [CompletionResult]::new('--gitlab-project', '--gitlab-project', [CompletionResultType]::ParameterName, 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)')
            [CompletionResult]::new('--gitlab-url', '--gitlab-url', [CompletionResultType]::ParameterName, 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much the log records of clearance''s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Open the bundled demo store (a copy in the data dir; nothing to install)')
            [CompletionResult]::new('--reset', '--reset', [CompletionResultType]::ParameterName, 'With --demo: restore the demo store to its shipped state first')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'Remove every action that changes anything')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'TUI: neither show nor keep the last run listing cached in the state dir')
            [CompletionResult]::new('--no-mouse', '--no-mouse', [CompletionResultType]::ParameterName, 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'clearance;alerts;silence' {
            [CompletionResult]::new('--metric', '--metric', [CompletionResultType]::ParameterName, 'The metric, when the rule watches several (a glob such as psi_*)')
            [CompletionResult]::new('--for', '--for', [CompletionResultType]::ParameterName, 'For how long: 30m, 4h, 1d, 1d12h')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (required); recorded with who, when and until when')
            [CompletionResult]::new('--tracking-uri', '--tracking-uri', [CompletionResultType]::ParameterName, 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)')
            [CompletionResult]::new('--dvc-repo', '--dvc-repo', [CompletionResultType]::ParameterName, 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed')
            [CompletionResult]::new('--wandb', '--wandb', [CompletionResultType]::ParameterName, 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)')
            [CompletionResult]::new('--wandb-registry', '--wandb-registry', [CompletionResultType]::ParameterName, 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project''s model collections)')
            [CompletionResult]::new('--wandb-base-url', '--wandb-base-url', [CompletionResultType]::ParameterName, 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A [profiles.NAME] table of the config to apply over its top-level settings')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)')
            [CompletionResult]::new('--github-api-url', '--github-api-url', [CompletionResultType]::ParameterName, 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)')
            [CompletionResult]::new('--gitlab-project', '--gitlab-project', [CompletionResultType]::ParameterName, 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)')
            [CompletionResult]::new('--gitlab-url', '--gitlab-url', [CompletionResultType]::ParameterName, 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much the log records of clearance''s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Open the bundled demo store (a copy in the data dir; nothing to install)')
            [CompletionResult]::new('--reset', '--reset', [CompletionResultType]::ParameterName, 'With --demo: restore the demo store to its shipped state first')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'Remove every action that changes anything')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'TUI: neither show nor keep the last run listing cached in the state dir')
            [CompletionResult]::new('--no-mouse', '--no-mouse', [CompletionResultType]::ParameterName, 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'clearance;alerts;unack' {
            [CompletionResult]::new('--metric', '--metric', [CompletionResultType]::ParameterName, 'The metric, when the rule watches several (a glob such as psi_*)')
            [CompletionResult]::new('--tracking-uri', '--tracking-uri', [CompletionResultType]::ParameterName, 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)')
            [CompletionResult]::new('--dvc-repo', '--dvc-repo', [CompletionResultType]::ParameterName, 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed')
            [CompletionResult]::new('--wandb', '--wandb', [CompletionResultType]::ParameterName, 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)')
            [CompletionResult]::new('--wandb-registry', '--wandb-registry', [CompletionResultType]::ParameterName, 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project''s model collections)')
            [CompletionResult]::new('--wandb-base-url', '--wandb-base-url', [CompletionResultType]::ParameterName, 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A [profiles.NAME] table of the config to apply over its top-level settings')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)')
            [CompletionResult]::new('--github-api-url', '--github-api-url', [CompletionResultType]::ParameterName, 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)')
            [CompletionResult]::new('--gitlab-project', '--gitlab-project', [CompletionResultType]::ParameterName, 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)')
            [CompletionResult]::new('--gitlab-url', '--gitlab-url', [CompletionResultType]::ParameterName, 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much the log records of clearance''s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Open the bundled demo store (a copy in the data dir; nothing to install)')
            [CompletionResult]::new('--reset', '--reset', [CompletionResultType]::ParameterName, 'With --demo: restore the demo store to its shipped state first')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'Remove every action that changes anything')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'TUI: neither show nor keep the last run listing cached in the state dir')
            [CompletionResult]::new('--no-mouse', '--no-mouse', [CompletionResultType]::ParameterName, 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'clearance;alerts;help' {
            [CompletionResult]::new('ack', 'ack', [CompletionResultType]::ParameterValue, 'Acknowledge an alert: someone is on it. It is listed below the unanswered ones and still counts for the exit code')
            [CompletionResult]::new('silence', 'silence', [CompletionResultType]::ParameterValue, 'Silence an alert for a while: it does not count for the exit code until then')
            [CompletionResult]::new('unack', 'unack', [CompletionResultType]::ParameterValue, 'Take back an alert''s acknowledgement or silence')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'clearance;alerts;help;ack' {
            break
        }
        'clearance;alerts;help;silence' {
            break
        }
        'clearance;alerts;help;unack' {
            break
        }
        'clearance;alerts;help;help' {
            break
        }
        'clearance;apply' {
            [CompletionResult]::new('--applied-by', '--applied-by', [CompletionResultType]::ParameterName, 'Who applies, recorded after the approver: "Ann <ann@x> (applied by CI)". In GitLab CI the default names the pipeline: "(applied by GitLab CI pipeline $CI_PIPELINE_URL)"')
            [CompletionResult]::new('--pr', '--pr', [CompletionResultType]::ParameterName, 'The merged pull request (GitLab: merge request iid) that brought the file, whose reviews the policy counts as approvals (default: the one that merged $GITHUB_SHA in GitHub Actions, $CI_COMMIT_SHA in GitLab CI)')
            [CompletionResult]::new('--mr', '--mr', [CompletionResultType]::ParameterName, 'The merged pull request (GitLab: merge request iid) that brought the file, whose reviews the policy counts as approvals (default: the one that merged $GITHUB_SHA in GitHub Actions, $CI_COMMIT_SHA in GitLab CI)')
            [CompletionResult]::new('--tracking-uri', '--tracking-uri', [CompletionResultType]::ParameterName, 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)')
            [CompletionResult]::new('--dvc-repo', '--dvc-repo', [CompletionResultType]::ParameterName, 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed')
            [CompletionResult]::new('--wandb', '--wandb', [CompletionResultType]::ParameterName, 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)')
            [CompletionResult]::new('--wandb-registry', '--wandb-registry', [CompletionResultType]::ParameterName, 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project''s model collections)')
            [CompletionResult]::new('--wandb-base-url', '--wandb-base-url', [CompletionResultType]::ParameterName, 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A [profiles.NAME] table of the config to apply over its top-level settings')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)')
            [CompletionResult]::new('--github-api-url', '--github-api-url', [CompletionResultType]::ParameterName, 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)')
            [CompletionResult]::new('--gitlab-project', '--gitlab-project', [CompletionResultType]::ParameterName, 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)')
            [CompletionResult]::new('--gitlab-url', '--gitlab-url', [CompletionResultType]::ParameterName, 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much the log records of clearance''s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would change; change nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print each model''s outcome and the records written, as JSON (`clearance schema apply`)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Open the bundled demo store (a copy in the data dir; nothing to install)')
            [CompletionResult]::new('--reset', '--reset', [CompletionResultType]::ParameterName, 'With --demo: restore the demo store to its shipped state first')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'Remove every action that changes anything')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'TUI: neither show nor keep the last run listing cached in the state dir')
            [CompletionResult]::new('--no-mouse', '--no-mouse', [CompletionResultType]::ParameterName, 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'clearance;comment' {
            [CompletionResult]::new('--model', '--model', [CompletionResultType]::ParameterName, 'The registered model (default: the model the PR pins, for a promotion PR)')
            [CompletionResult]::new('--candidate', '--candidate', [CompletionResultType]::ParameterName, '@ALIAS, a version number, or run:RUN_ID (default: the version the PR pins, else the staging alias)')
            [CompletionResult]::new('--baseline', '--baseline', [CompletionResultType]::ParameterName, '@ALIAS, a version number, or run:RUN_ID (default: the production alias)')
            [CompletionResult]::new('--tracking-uri', '--tracking-uri', [CompletionResultType]::ParameterName, 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)')
            [CompletionResult]::new('--dvc-repo', '--dvc-repo', [CompletionResultType]::ParameterName, 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed')
            [CompletionResult]::new('--wandb', '--wandb', [CompletionResultType]::ParameterName, 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)')
            [CompletionResult]::new('--wandb-registry', '--wandb-registry', [CompletionResultType]::ParameterName, 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project''s model collections)')
            [CompletionResult]::new('--wandb-base-url', '--wandb-base-url', [CompletionResultType]::ParameterName, 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A [profiles.NAME] table of the config to apply over its top-level settings')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)')
            [CompletionResult]::new('--github-api-url', '--github-api-url', [CompletionResultType]::ParameterName, 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)')
            [CompletionResult]::new('--gitlab-project', '--gitlab-project', [CompletionResultType]::ParameterName, 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)')
            [CompletionResult]::new('--gitlab-url', '--gitlab-url', [CompletionResultType]::ParameterName, 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much the log records of clearance''s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Open the bundled demo store (a copy in the data dir; nothing to install)')
            [CompletionResult]::new('--reset', '--reset', [CompletionResultType]::ParameterName, 'With --demo: restore the demo store to its shipped state first')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'Remove every action that changes anything')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'TUI: neither show nor keep the last run listing cached in the state dir')
            [CompletionResult]::new('--no-mouse', '--no-mouse', [CompletionResultType]::ParameterName, 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'clearance;prs' {
            [CompletionResult]::new('--tracking-uri', '--tracking-uri', [CompletionResultType]::ParameterName, 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)')
            [CompletionResult]::new('--dvc-repo', '--dvc-repo', [CompletionResultType]::ParameterName, 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed')
            [CompletionResult]::new('--wandb', '--wandb', [CompletionResultType]::ParameterName, 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)')
            [CompletionResult]::new('--wandb-registry', '--wandb-registry', [CompletionResultType]::ParameterName, 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project''s model collections)')
            [CompletionResult]::new('--wandb-base-url', '--wandb-base-url', [CompletionResultType]::ParameterName, 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A [profiles.NAME] table of the config to apply over its top-level settings')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)')
            [CompletionResult]::new('--github-api-url', '--github-api-url', [CompletionResultType]::ParameterName, 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)')
            [CompletionResult]::new('--gitlab-project', '--gitlab-project', [CompletionResultType]::ParameterName, 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)')
            [CompletionResult]::new('--gitlab-url', '--gitlab-url', [CompletionResultType]::ParameterName, 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much the log records of clearance''s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a table')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Open the bundled demo store (a copy in the data dir; nothing to install)')
            [CompletionResult]::new('--reset', '--reset', [CompletionResultType]::ParameterName, 'With --demo: restore the demo store to its shipped state first')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'Remove every action that changes anything')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'TUI: neither show nor keep the last run listing cached in the state dir')
            [CompletionResult]::new('--no-mouse', '--no-mouse', [CompletionResultType]::ParameterName, 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'clearance;policy' {
            [CompletionResult]::new('--tracking-uri', '--tracking-uri', [CompletionResultType]::ParameterName, 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)')
            [CompletionResult]::new('--dvc-repo', '--dvc-repo', [CompletionResultType]::ParameterName, 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed')
            [CompletionResult]::new('--wandb', '--wandb', [CompletionResultType]::ParameterName, 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)')
            [CompletionResult]::new('--wandb-registry', '--wandb-registry', [CompletionResultType]::ParameterName, 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project''s model collections)')
            [CompletionResult]::new('--wandb-base-url', '--wandb-base-url', [CompletionResultType]::ParameterName, 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A [profiles.NAME] table of the config to apply over its top-level settings')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)')
            [CompletionResult]::new('--github-api-url', '--github-api-url', [CompletionResultType]::ParameterName, 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)')
            [CompletionResult]::new('--gitlab-project', '--gitlab-project', [CompletionResultType]::ParameterName, 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)')
            [CompletionResult]::new('--gitlab-url', '--gitlab-url', [CompletionResultType]::ParameterName, 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much the log records of clearance''s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Open the bundled demo store (a copy in the data dir; nothing to install)')
            [CompletionResult]::new('--reset', '--reset', [CompletionResultType]::ParameterName, 'With --demo: restore the demo store to its shipped state first')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'Remove every action that changes anything')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'TUI: neither show nor keep the last run listing cached in the state dir')
            [CompletionResult]::new('--no-mouse', '--no-mouse', [CompletionResultType]::ParameterName, 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'What moving ALIAS of MODEL to VERSION needs under the policy, and what is missing')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'clearance;policy;check' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The alias to move (default: the production alias, `[aliases] production`; on GTO `[gto] production_stage`)')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Judge the move as made by this identity (default: who clearance records you as)')
            [CompletionResult]::new('--tracking-uri', '--tracking-uri', [CompletionResultType]::ParameterName, 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)')
            [CompletionResult]::new('--dvc-repo', '--dvc-repo', [CompletionResultType]::ParameterName, 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed')
            [CompletionResult]::new('--wandb', '--wandb', [CompletionResultType]::ParameterName, 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)')
            [CompletionResult]::new('--wandb-registry', '--wandb-registry', [CompletionResultType]::ParameterName, 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project''s model collections)')
            [CompletionResult]::new('--wandb-base-url', '--wandb-base-url', [CompletionResultType]::ParameterName, 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A [profiles.NAME] table of the config to apply over its top-level settings')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)')
            [CompletionResult]::new('--github-api-url', '--github-api-url', [CompletionResultType]::ParameterName, 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)')
            [CompletionResult]::new('--gitlab-project', '--gitlab-project', [CompletionResultType]::ParameterName, 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)')
            [CompletionResult]::new('--gitlab-url', '--gitlab-url', [CompletionResultType]::ParameterName, 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much the log records of clearance''s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)')
            [CompletionResult]::new('--rollback', '--rollback', [CompletionResultType]::ParameterName, 'Judge it as a rollback (which passes freezes and stage order)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a checklist')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Open the bundled demo store (a copy in the data dir; nothing to install)')
            [CompletionResult]::new('--reset', '--reset', [CompletionResultType]::ParameterName, 'With --demo: restore the demo store to its shipped state first')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'Remove every action that changes anything')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'TUI: neither show nor keep the last run listing cached in the state dir')
            [CompletionResult]::new('--no-mouse', '--no-mouse', [CompletionResultType]::ParameterName, 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'clearance;policy;help' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'What moving ALIAS of MODEL to VERSION needs under the policy, and what is missing')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'clearance;policy;help;check' {
            break
        }
        'clearance;policy;help;help' {
            break
        }
        'clearance;request' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The alias to move (default: the production alias)')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why the move is wanted (required, except with --withdraw)')
            [CompletionResult]::new('--tracking-uri', '--tracking-uri', [CompletionResultType]::ParameterName, 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)')
            [CompletionResult]::new('--dvc-repo', '--dvc-repo', [CompletionResultType]::ParameterName, 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed')
            [CompletionResult]::new('--wandb', '--wandb', [CompletionResultType]::ParameterName, 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)')
            [CompletionResult]::new('--wandb-registry', '--wandb-registry', [CompletionResultType]::ParameterName, 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project''s model collections)')
            [CompletionResult]::new('--wandb-base-url', '--wandb-base-url', [CompletionResultType]::ParameterName, 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A [profiles.NAME] table of the config to apply over its top-level settings')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)')
            [CompletionResult]::new('--github-api-url', '--github-api-url', [CompletionResultType]::ParameterName, 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)')
            [CompletionResult]::new('--gitlab-project', '--gitlab-project', [CompletionResultType]::ParameterName, 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)')
            [CompletionResult]::new('--gitlab-url', '--gitlab-url', [CompletionResultType]::ParameterName, 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much the log records of clearance''s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)')
            [CompletionResult]::new('--withdraw', '--withdraw', [CompletionResultType]::ParameterName, 'Withdraw your open request for this move instead')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Open the bundled demo store (a copy in the data dir; nothing to install)')
            [CompletionResult]::new('--reset', '--reset', [CompletionResultType]::ParameterName, 'With --demo: restore the demo store to its shipped state first')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'Remove every action that changes anything')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'TUI: neither show nor keep the last run listing cached in the state dir')
            [CompletionResult]::new('--no-mouse', '--no-mouse', [CompletionResultType]::ParameterName, 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'clearance;approve' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The alias the request moves (default: the production alias)')
            [CompletionResult]::new('--tracking-uri', '--tracking-uri', [CompletionResultType]::ParameterName, 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)')
            [CompletionResult]::new('--dvc-repo', '--dvc-repo', [CompletionResultType]::ParameterName, 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed')
            [CompletionResult]::new('--wandb', '--wandb', [CompletionResultType]::ParameterName, 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)')
            [CompletionResult]::new('--wandb-registry', '--wandb-registry', [CompletionResultType]::ParameterName, 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project''s model collections)')
            [CompletionResult]::new('--wandb-base-url', '--wandb-base-url', [CompletionResultType]::ParameterName, 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A [profiles.NAME] table of the config to apply over its top-level settings')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)')
            [CompletionResult]::new('--github-api-url', '--github-api-url', [CompletionResultType]::ParameterName, 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)')
            [CompletionResult]::new('--gitlab-project', '--gitlab-project', [CompletionResultType]::ParameterName, 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)')
            [CompletionResult]::new('--gitlab-url', '--gitlab-url', [CompletionResultType]::ParameterName, 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much the log records of clearance''s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'When the policy is met, make the move without asking')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Open the bundled demo store (a copy in the data dir; nothing to install)')
            [CompletionResult]::new('--reset', '--reset', [CompletionResultType]::ParameterName, 'With --demo: restore the demo store to its shipped state first')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'Remove every action that changes anything')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'TUI: neither show nor keep the last run listing cached in the state dir')
            [CompletionResult]::new('--no-mouse', '--no-mouse', [CompletionResultType]::ParameterName, 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'clearance;audit' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'From when: a date (2026-12-01, midnight UTC) or an RFC 3339 time')
            [CompletionResult]::new('--model', '--model', [CompletionResultType]::ParameterName, 'The models: a glob over their names (default: every model)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'jsonl (one document per line, `clearance schema audit`), csv or md')
            [CompletionResult]::new('--tracking-uri', '--tracking-uri', [CompletionResultType]::ParameterName, 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)')
            [CompletionResult]::new('--dvc-repo', '--dvc-repo', [CompletionResultType]::ParameterName, 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed')
            [CompletionResult]::new('--wandb', '--wandb', [CompletionResultType]::ParameterName, 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)')
            [CompletionResult]::new('--wandb-registry', '--wandb-registry', [CompletionResultType]::ParameterName, 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project''s model collections)')
            [CompletionResult]::new('--wandb-base-url', '--wandb-base-url', [CompletionResultType]::ParameterName, 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A [profiles.NAME] table of the config to apply over its top-level settings')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)')
            [CompletionResult]::new('--github-api-url', '--github-api-url', [CompletionResultType]::ParameterName, 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)')
            [CompletionResult]::new('--gitlab-project', '--gitlab-project', [CompletionResultType]::ParameterName, 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)')
            [CompletionResult]::new('--gitlab-url', '--gitlab-url', [CompletionResultType]::ParameterName, 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much the log records of clearance''s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Open the bundled demo store (a copy in the data dir; nothing to install)')
            [CompletionResult]::new('--reset', '--reset', [CompletionResultType]::ParameterName, 'With --demo: restore the demo store to its shipped state first')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'Remove every action that changes anything')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'TUI: neither show nor keep the last run listing cached in the state dir')
            [CompletionResult]::new('--no-mouse', '--no-mouse', [CompletionResultType]::ParameterName, 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'clearance;freeze' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (required to freeze); recorded with the switch')
            [CompletionResult]::new('--model', '--model', [CompletionResultType]::ParameterName, 'The models to freeze or thaw: a glob over their names (default: every model)')
            [CompletionResult]::new('--tracking-uri', '--tracking-uri', [CompletionResultType]::ParameterName, 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)')
            [CompletionResult]::new('--dvc-repo', '--dvc-repo', [CompletionResultType]::ParameterName, 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed')
            [CompletionResult]::new('--wandb', '--wandb', [CompletionResultType]::ParameterName, 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)')
            [CompletionResult]::new('--wandb-registry', '--wandb-registry', [CompletionResultType]::ParameterName, 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project''s model collections)')
            [CompletionResult]::new('--wandb-base-url', '--wandb-base-url', [CompletionResultType]::ParameterName, 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A [profiles.NAME] table of the config to apply over its top-level settings')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)')
            [CompletionResult]::new('--github-api-url', '--github-api-url', [CompletionResultType]::ParameterName, 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)')
            [CompletionResult]::new('--gitlab-project', '--gitlab-project', [CompletionResultType]::ParameterName, 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)')
            [CompletionResult]::new('--gitlab-url', '--gitlab-url', [CompletionResultType]::ParameterName, 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much the log records of clearance''s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Open the bundled demo store (a copy in the data dir; nothing to install)')
            [CompletionResult]::new('--reset', '--reset', [CompletionResultType]::ParameterName, 'With --demo: restore the demo store to its shipped state first')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'Remove every action that changes anything')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'TUI: neither show nor keep the last run listing cached in the state dir')
            [CompletionResult]::new('--no-mouse', '--no-mouse', [CompletionResultType]::ParameterName, 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'clearance;completions' {
            [CompletionResult]::new('--tracking-uri', '--tracking-uri', [CompletionResultType]::ParameterName, 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)')
            [CompletionResult]::new('--dvc-repo', '--dvc-repo', [CompletionResultType]::ParameterName, 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed')
            [CompletionResult]::new('--wandb', '--wandb', [CompletionResultType]::ParameterName, 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)')
            [CompletionResult]::new('--wandb-registry', '--wandb-registry', [CompletionResultType]::ParameterName, 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project''s model collections)')
            [CompletionResult]::new('--wandb-base-url', '--wandb-base-url', [CompletionResultType]::ParameterName, 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A [profiles.NAME] table of the config to apply over its top-level settings')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)')
            [CompletionResult]::new('--github-api-url', '--github-api-url', [CompletionResultType]::ParameterName, 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)')
            [CompletionResult]::new('--gitlab-project', '--gitlab-project', [CompletionResultType]::ParameterName, 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)')
            [CompletionResult]::new('--gitlab-url', '--gitlab-url', [CompletionResultType]::ParameterName, 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much the log records of clearance''s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Open the bundled demo store (a copy in the data dir; nothing to install)')
            [CompletionResult]::new('--reset', '--reset', [CompletionResultType]::ParameterName, 'With --demo: restore the demo store to its shipped state first')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'Remove every action that changes anything')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'TUI: neither show nor keep the last run listing cached in the state dir')
            [CompletionResult]::new('--no-mouse', '--no-mouse', [CompletionResultType]::ParameterName, 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'clearance;man' {
            [CompletionResult]::new('--tracking-uri', '--tracking-uri', [CompletionResultType]::ParameterName, 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)')
            [CompletionResult]::new('--dvc-repo', '--dvc-repo', [CompletionResultType]::ParameterName, 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed')
            [CompletionResult]::new('--wandb', '--wandb', [CompletionResultType]::ParameterName, 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)')
            [CompletionResult]::new('--wandb-registry', '--wandb-registry', [CompletionResultType]::ParameterName, 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project''s model collections)')
            [CompletionResult]::new('--wandb-base-url', '--wandb-base-url', [CompletionResultType]::ParameterName, 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A [profiles.NAME] table of the config to apply over its top-level settings')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)')
            [CompletionResult]::new('--github-api-url', '--github-api-url', [CompletionResultType]::ParameterName, 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)')
            [CompletionResult]::new('--gitlab-project', '--gitlab-project', [CompletionResultType]::ParameterName, 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)')
            [CompletionResult]::new('--gitlab-url', '--gitlab-url', [CompletionResultType]::ParameterName, 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much the log records of clearance''s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Open the bundled demo store (a copy in the data dir; nothing to install)')
            [CompletionResult]::new('--reset', '--reset', [CompletionResultType]::ParameterName, 'With --demo: restore the demo store to its shipped state first')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'Remove every action that changes anything')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'TUI: neither show nor keep the last run listing cached in the state dir')
            [CompletionResult]::new('--no-mouse', '--no-mouse', [CompletionResultType]::ParameterName, 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'clearance;config' {
            [CompletionResult]::new('--tracking-uri', '--tracking-uri', [CompletionResultType]::ParameterName, 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)')
            [CompletionResult]::new('--dvc-repo', '--dvc-repo', [CompletionResultType]::ParameterName, 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed')
            [CompletionResult]::new('--wandb', '--wandb', [CompletionResultType]::ParameterName, 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)')
            [CompletionResult]::new('--wandb-registry', '--wandb-registry', [CompletionResultType]::ParameterName, 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project''s model collections)')
            [CompletionResult]::new('--wandb-base-url', '--wandb-base-url', [CompletionResultType]::ParameterName, 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A [profiles.NAME] table of the config to apply over its top-level settings')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)')
            [CompletionResult]::new('--github-api-url', '--github-api-url', [CompletionResultType]::ParameterName, 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)')
            [CompletionResult]::new('--gitlab-project', '--gitlab-project', [CompletionResultType]::ParameterName, 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)')
            [CompletionResult]::new('--gitlab-url', '--gitlab-url', [CompletionResultType]::ParameterName, 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much the log records of clearance''s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Open the bundled demo store (a copy in the data dir; nothing to install)')
            [CompletionResult]::new('--reset', '--reset', [CompletionResultType]::ParameterName, 'With --demo: restore the demo store to its shipped state first')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'Remove every action that changes anything')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'TUI: neither show nor keep the last run listing cached in the state dir')
            [CompletionResult]::new('--no-mouse', '--no-mouse', [CompletionResultType]::ParameterName, 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the config file clearance reads, and whether it exists')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Load and check the config (with every profile); print each problem with its key. Exit 0 valid, 1 problems found, 2 the file cannot be read')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write the commented example config, and its JSON Schema next to it')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the JSON Schema of the config file (for taplo and editors'' TOML extensions)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'clearance;config;path' {
            [CompletionResult]::new('--tracking-uri', '--tracking-uri', [CompletionResultType]::ParameterName, 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)')
            [CompletionResult]::new('--dvc-repo', '--dvc-repo', [CompletionResultType]::ParameterName, 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed')
            [CompletionResult]::new('--wandb', '--wandb', [CompletionResultType]::ParameterName, 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)')
            [CompletionResult]::new('--wandb-registry', '--wandb-registry', [CompletionResultType]::ParameterName, 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project''s model collections)')
            [CompletionResult]::new('--wandb-base-url', '--wandb-base-url', [CompletionResultType]::ParameterName, 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A [profiles.NAME] table of the config to apply over its top-level settings')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)')
            [CompletionResult]::new('--github-api-url', '--github-api-url', [CompletionResultType]::ParameterName, 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)')
            [CompletionResult]::new('--gitlab-project', '--gitlab-project', [CompletionResultType]::ParameterName, 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)')
            [CompletionResult]::new('--gitlab-url', '--gitlab-url', [CompletionResultType]::ParameterName, 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much the log records of clearance''s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Open the bundled demo store (a copy in the data dir; nothing to install)')
            [CompletionResult]::new('--reset', '--reset', [CompletionResultType]::ParameterName, 'With --demo: restore the demo store to its shipped state first')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'Remove every action that changes anything')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'TUI: neither show nor keep the last run listing cached in the state dir')
            [CompletionResult]::new('--no-mouse', '--no-mouse', [CompletionResultType]::ParameterName, 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'clearance;config;check' {
            [CompletionResult]::new('--tracking-uri', '--tracking-uri', [CompletionResultType]::ParameterName, 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)')
            [CompletionResult]::new('--dvc-repo', '--dvc-repo', [CompletionResultType]::ParameterName, 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed')
            [CompletionResult]::new('--wandb', '--wandb', [CompletionResultType]::ParameterName, 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)')
            [CompletionResult]::new('--wandb-registry', '--wandb-registry', [CompletionResultType]::ParameterName, 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project''s model collections)')
            [CompletionResult]::new('--wandb-base-url', '--wandb-base-url', [CompletionResultType]::ParameterName, 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A [profiles.NAME] table of the config to apply over its top-level settings')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)')
            [CompletionResult]::new('--github-api-url', '--github-api-url', [CompletionResultType]::ParameterName, 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)')
            [CompletionResult]::new('--gitlab-project', '--gitlab-project', [CompletionResultType]::ParameterName, 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)')
            [CompletionResult]::new('--gitlab-url', '--gitlab-url', [CompletionResultType]::ParameterName, 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much the log records of clearance''s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Open the bundled demo store (a copy in the data dir; nothing to install)')
            [CompletionResult]::new('--reset', '--reset', [CompletionResultType]::ParameterName, 'With --demo: restore the demo store to its shipped state first')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'Remove every action that changes anything')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'TUI: neither show nor keep the last run listing cached in the state dir')
            [CompletionResult]::new('--no-mouse', '--no-mouse', [CompletionResultType]::ParameterName, 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'clearance;config;init' {
            [CompletionResult]::new('--tracking-uri', '--tracking-uri', [CompletionResultType]::ParameterName, 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)')
            [CompletionResult]::new('--dvc-repo', '--dvc-repo', [CompletionResultType]::ParameterName, 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed')
            [CompletionResult]::new('--wandb', '--wandb', [CompletionResultType]::ParameterName, 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)')
            [CompletionResult]::new('--wandb-registry', '--wandb-registry', [CompletionResultType]::ParameterName, 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project''s model collections)')
            [CompletionResult]::new('--wandb-base-url', '--wandb-base-url', [CompletionResultType]::ParameterName, 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A [profiles.NAME] table of the config to apply over its top-level settings')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)')
            [CompletionResult]::new('--github-api-url', '--github-api-url', [CompletionResultType]::ParameterName, 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)')
            [CompletionResult]::new('--gitlab-project', '--gitlab-project', [CompletionResultType]::ParameterName, 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)')
            [CompletionResult]::new('--gitlab-url', '--gitlab-url', [CompletionResultType]::ParameterName, 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much the log records of clearance''s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Overwrite an existing config file')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Open the bundled demo store (a copy in the data dir; nothing to install)')
            [CompletionResult]::new('--reset', '--reset', [CompletionResultType]::ParameterName, 'With --demo: restore the demo store to its shipped state first')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'Remove every action that changes anything')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'TUI: neither show nor keep the last run listing cached in the state dir')
            [CompletionResult]::new('--no-mouse', '--no-mouse', [CompletionResultType]::ParameterName, 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'clearance;config;schema' {
            [CompletionResult]::new('--tracking-uri', '--tracking-uri', [CompletionResultType]::ParameterName, 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)')
            [CompletionResult]::new('--dvc-repo', '--dvc-repo', [CompletionResultType]::ParameterName, 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed')
            [CompletionResult]::new('--wandb', '--wandb', [CompletionResultType]::ParameterName, 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)')
            [CompletionResult]::new('--wandb-registry', '--wandb-registry', [CompletionResultType]::ParameterName, 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project''s model collections)')
            [CompletionResult]::new('--wandb-base-url', '--wandb-base-url', [CompletionResultType]::ParameterName, 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A [profiles.NAME] table of the config to apply over its top-level settings')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)')
            [CompletionResult]::new('--github-api-url', '--github-api-url', [CompletionResultType]::ParameterName, 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)')
            [CompletionResult]::new('--gitlab-project', '--gitlab-project', [CompletionResultType]::ParameterName, 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)')
            [CompletionResult]::new('--gitlab-url', '--gitlab-url', [CompletionResultType]::ParameterName, 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much the log records of clearance''s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Open the bundled demo store (a copy in the data dir; nothing to install)')
            [CompletionResult]::new('--reset', '--reset', [CompletionResultType]::ParameterName, 'With --demo: restore the demo store to its shipped state first')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'Remove every action that changes anything')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'TUI: neither show nor keep the last run listing cached in the state dir')
            [CompletionResult]::new('--no-mouse', '--no-mouse', [CompletionResultType]::ParameterName, 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'clearance;config;help' {
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the config file clearance reads, and whether it exists')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Load and check the config (with every profile); print each problem with its key. Exit 0 valid, 1 problems found, 2 the file cannot be read')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write the commented example config, and its JSON Schema next to it')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the JSON Schema of the config file (for taplo and editors'' TOML extensions)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'clearance;config;help;path' {
            break
        }
        'clearance;config;help;check' {
            break
        }
        'clearance;config;help;init' {
            break
        }
        'clearance;config;help;schema' {
            break
        }
        'clearance;config;help;help' {
            break
        }
        'clearance;schema' {
            [CompletionResult]::new('--tracking-uri', '--tracking-uri', [CompletionResultType]::ParameterName, 'MLflow tracking server (http://HOST:PORT) or sqlite store (sqlite:///mlflow.db, x.db)')
            [CompletionResult]::new('--dvc-repo', '--dvc-repo', [CompletionResultType]::ParameterName, 'A DVC repository (its root or a folder inside it): experiments as runs, read with `dvc exp show`, or from git when dvc is not installed')
            [CompletionResult]::new('--wandb', '--wandb', [CompletionResultType]::ParameterName, 'A Weights & Biases project instead of MLflow (default: wandb.entity and wandb.project)')
            [CompletionResult]::new('--wandb-registry', '--wandb-registry', [CompletionResultType]::ParameterName, 'With W&B: the registry whose collections are the models, e.g. model for wandb-registry-model (default: wandb.registry; none: the project''s model collections)')
            [CompletionResult]::new('--wandb-base-url', '--wandb-base-url', [CompletionResultType]::ParameterName, 'With W&B: the server (default: wandb.base_url, then https://api.wandb.ai)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: $CLEARANCE_CONFIG, then ~/.config/clearance/config.toml)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A [profiles.NAME] table of the config to apply over its top-level settings')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'GitHub repository for promotion PRs and comments (default: github.repo, then $GITHUB_REPOSITORY)')
            [CompletionResult]::new('--github-api-url', '--github-api-url', [CompletionResultType]::ParameterName, 'GitHub API (default: $GITHUB_API_URL, then github.api_url, then https://api.github.com; GitHub Enterprise: https://HOST/api/v3)')
            [CompletionResult]::new('--gitlab-project', '--gitlab-project', [CompletionResultType]::ParameterName, 'GitLab project for promotion MRs and report notes, instead of a GitHub repository (default: gitlab.project, then $CI_PROJECT_ID in GitLab CI)')
            [CompletionResult]::new('--gitlab-url', '--gitlab-url', [CompletionResultType]::ParameterName, 'GitLab instance (default: $CI_API_V4_URL in GitLab CI, then gitlab.url, then https://gitlab.com; self-managed: https://HOST)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much the log records of clearance''s own events (default: $CLEARANCE_LOG, then $RUST_LOG, then info). The log is clearance.log in the state dir (~/.local/state/clearance)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Open the bundled demo store (a copy in the data dir; nothing to install)')
            [CompletionResult]::new('--reset', '--reset', [CompletionResultType]::ParameterName, 'With --demo: restore the demo store to its shipped state first')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'Remove every action that changes anything')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'TUI: neither show nor keep the last run listing cached in the state dir')
            [CompletionResult]::new('--no-mouse', '--no-mouse', [CompletionResultType]::ParameterName, 'TUI: leave the mouse to the terminal (no clicks or wheel; plain text selection)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'clearance;help' {
            [CompletionResult]::new('runs', 'runs', [CompletionResultType]::ParameterValue, 'List runs with their latest metrics, params and tags')
            [CompletionResult]::new('models', 'models', [CompletionResultType]::ParameterValue, 'List registered models with their versions and aliases')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Compare a model''s candidate with its baseline; exit 1 when a gate fails')
            [CompletionResult]::new('promote', 'promote', [CompletionResultType]::ParameterValue, 'Move an alias (production by default) to a version, after the gates and a confirmation')
            [CompletionResult]::new('rollback', 'rollback', [CompletionResultType]::ParameterValue, 'Move the production alias back to the version it held before')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Show who moved a model''s aliases, when, and why')
            [CompletionResult]::new('baseline', 'baseline', [CompletionResultType]::ParameterValue, 'Make a run its experiment''s baseline')
            [CompletionResult]::new('alerts', 'alerts', [CompletionResultType]::ParameterValue, 'Evaluate the alert rules over monitoring series; exit 0 none firing, 1 a warning, 2 a critical alert, 3 an error')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Make the registry match a deployment file (run by CI after a promotion PR merges)')
            [CompletionResult]::new('comment', 'comment', [CompletionResultType]::ParameterValue, 'Post the diff report on a pull request, or update the one posted before')
            [CompletionResult]::new('prs', 'prs', [CompletionResultType]::ParameterValue, 'List open pull requests with CI, reviews and the model version each promotion PR pins')
            [CompletionResult]::new('policy', 'policy', [CompletionResultType]::ParameterValue, 'Explain what the promotion policy asks of a move, point by point; exit 0 when it would be allowed, 1 when something is missing')
            [CompletionResult]::new('request', 'request', [CompletionResultType]::ParameterValue, 'Ask for a move: record a promotion request in the store, with the gates now, for others to approve (`--withdraw` takes it back)')
            [CompletionResult]::new('approve', 'approve', [CompletionResultType]::ParameterValue, 'Approve a promotion request; when the policy is then met, confirm to make the move')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Export the audit trail: every recorded move, request, approval, override, refusal and freeze, and the aliases moved outside clearance')
            [CompletionResult]::new('freeze', 'freeze', [CompletionResultType]::ParameterValue, 'Set or clear the freeze switch: while it is on, the policy refuses moves of frozen aliases (production, champion) unless overridden with a reason')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script: `clearance completions bash > ~/.local/share/bash-completion/completions/clearance`')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the manual page (roff): `clearance man > ~/.local/share/man/man1/clearance.1`')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'The config file: where it is read from, check it, write a commented one, its schema')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the JSON Schema of a command''s --json output')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'clearance;help;runs' {
            break
        }
        'clearance;help;models' {
            break
        }
        'clearance;help;diff' {
            break
        }
        'clearance;help;promote' {
            break
        }
        'clearance;help;rollback' {
            break
        }
        'clearance;help;history' {
            break
        }
        'clearance;help;baseline' {
            break
        }
        'clearance;help;alerts' {
            [CompletionResult]::new('ack', 'ack', [CompletionResultType]::ParameterValue, 'Acknowledge an alert: someone is on it. It is listed below the unanswered ones and still counts for the exit code')
            [CompletionResult]::new('silence', 'silence', [CompletionResultType]::ParameterValue, 'Silence an alert for a while: it does not count for the exit code until then')
            [CompletionResult]::new('unack', 'unack', [CompletionResultType]::ParameterValue, 'Take back an alert''s acknowledgement or silence')
            break
        }
        'clearance;help;alerts;ack' {
            break
        }
        'clearance;help;alerts;silence' {
            break
        }
        'clearance;help;alerts;unack' {
            break
        }
        'clearance;help;apply' {
            break
        }
        'clearance;help;comment' {
            break
        }
        'clearance;help;prs' {
            break
        }
        'clearance;help;policy' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'What moving ALIAS of MODEL to VERSION needs under the policy, and what is missing')
            break
        }
        'clearance;help;policy;check' {
            break
        }
        'clearance;help;request' {
            break
        }
        'clearance;help;approve' {
            break
        }
        'clearance;help;audit' {
            break
        }
        'clearance;help;freeze' {
            break
        }
        'clearance;help;completions' {
            break
        }
        'clearance;help;man' {
            break
        }
        'clearance;help;config' {
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the config file clearance reads, and whether it exists')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Load and check the config (with every profile); print each problem with its key. Exit 0 valid, 1 problems found, 2 the file cannot be read')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write the commented example config, and its JSON Schema next to it')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the JSON Schema of the config file (for taplo and editors'' TOML extensions)')
            break
        }
        'clearance;help;config;path' {
            break
        }
        'clearance;help;config;check' {
            break
        }
        'clearance;help;config;init' {
            break
        }
        'clearance;help;config;schema' {
            break
        }
        'clearance;help;schema' {
            break
        }
        'clearance;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
