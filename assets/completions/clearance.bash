_clearance() {
    local i cur prev opts cmd
    COMPREPLY=()
    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
        cur="$2"
    else
        cur="${COMP_WORDS[COMP_CWORD]}"
    fi
    prev="$3"
    cmd=""
    opts=""

    for i in "${COMP_WORDS[@]:0:COMP_CWORD}"
    do
        case "${cmd},${i}" in
            ",$1")
                cmd="clearance"
                ;;
            clearance,alerts)
                cmd="clearance__subcmd__alerts"
                ;;
            clearance,apply)
                cmd="clearance__subcmd__apply"
                ;;
            clearance,approve)
                cmd="clearance__subcmd__approve"
                ;;
            clearance,audit)
                cmd="clearance__subcmd__audit"
                ;;
            clearance,baseline)
                cmd="clearance__subcmd__baseline"
                ;;
            clearance,comment)
                cmd="clearance__subcmd__comment"
                ;;
            clearance,completions)
                cmd="clearance__subcmd__completions"
                ;;
            clearance,config)
                cmd="clearance__subcmd__config"
                ;;
            clearance,diff)
                cmd="clearance__subcmd__diff"
                ;;
            clearance,freeze)
                cmd="clearance__subcmd__freeze"
                ;;
            clearance,help)
                cmd="clearance__subcmd__help"
                ;;
            clearance,history)
                cmd="clearance__subcmd__history"
                ;;
            clearance,man)
                cmd="clearance__subcmd__man"
                ;;
            clearance,models)
                cmd="clearance__subcmd__models"
                ;;
            clearance,policy)
                cmd="clearance__subcmd__policy"
                ;;
            clearance,promote)
                cmd="clearance__subcmd__promote"
                ;;
            clearance,prs)
                cmd="clearance__subcmd__prs"
                ;;
            clearance,request)
                cmd="clearance__subcmd__request"
                ;;
            clearance,rollback)
                cmd="clearance__subcmd__rollback"
                ;;
            clearance,runs)
                cmd="clearance__subcmd__runs"
                ;;
            clearance,schema)
                cmd="clearance__subcmd__schema"
                ;;
            clearance__subcmd__alerts,ack)
                cmd="clearance__subcmd__alerts__subcmd__ack"
                ;;
            clearance__subcmd__alerts,help)
                cmd="clearance__subcmd__alerts__subcmd__help"
                ;;
            clearance__subcmd__alerts,silence)
                cmd="clearance__subcmd__alerts__subcmd__silence"
                ;;
            clearance__subcmd__alerts,unack)
                cmd="clearance__subcmd__alerts__subcmd__unack"
                ;;
            clearance__subcmd__alerts__subcmd__help,ack)
                cmd="clearance__subcmd__alerts__subcmd__help__subcmd__ack"
                ;;
            clearance__subcmd__alerts__subcmd__help,help)
                cmd="clearance__subcmd__alerts__subcmd__help__subcmd__help"
                ;;
            clearance__subcmd__alerts__subcmd__help,silence)
                cmd="clearance__subcmd__alerts__subcmd__help__subcmd__silence"
                ;;
            clearance__subcmd__alerts__subcmd__help,unack)
                cmd="clearance__subcmd__alerts__subcmd__help__subcmd__unack"
                ;;
            clearance__subcmd__config,check)
                cmd="clearance__subcmd__config__subcmd__check"
                ;;
            clearance__subcmd__config,help)
                cmd="clearance__subcmd__config__subcmd__help"
                ;;
            clearance__subcmd__config,init)
                cmd="clearance__subcmd__config__subcmd__init"
                ;;
            clearance__subcmd__config,path)
                cmd="clearance__subcmd__config__subcmd__path"
                ;;
            clearance__subcmd__config,schema)
                cmd="clearance__subcmd__config__subcmd__schema"
                ;;
            clearance__subcmd__config__subcmd__help,check)
                cmd="clearance__subcmd__config__subcmd__help__subcmd__check"
                ;;
            clearance__subcmd__config__subcmd__help,help)
                cmd="clearance__subcmd__config__subcmd__help__subcmd__help"
                ;;
            clearance__subcmd__config__subcmd__help,init)
                cmd="clearance__subcmd__config__subcmd__help__subcmd__init"
                ;;
            clearance__subcmd__config__subcmd__help,path)
                cmd="clearance__subcmd__config__subcmd__help__subcmd__path"
                ;;
            clearance__subcmd__config__subcmd__help,schema)
                cmd="clearance__subcmd__config__subcmd__help__subcmd__schema"
                ;;
            clearance__subcmd__help,alerts)
                cmd="clearance__subcmd__help__subcmd__alerts"
                ;;
            clearance__subcmd__help,apply)
                cmd="clearance__subcmd__help__subcmd__apply"
                ;;
            clearance__subcmd__help,approve)
                cmd="clearance__subcmd__help__subcmd__approve"
                ;;
            clearance__subcmd__help,audit)
                cmd="clearance__subcmd__help__subcmd__audit"
                ;;
            clearance__subcmd__help,baseline)
                cmd="clearance__subcmd__help__subcmd__baseline"
                ;;
            clearance__subcmd__help,comment)
                cmd="clearance__subcmd__help__subcmd__comment"
                ;;
            clearance__subcmd__help,completions)
                cmd="clearance__subcmd__help__subcmd__completions"
                ;;
            clearance__subcmd__help,config)
                cmd="clearance__subcmd__help__subcmd__config"
                ;;
            clearance__subcmd__help,diff)
                cmd="clearance__subcmd__help__subcmd__diff"
                ;;
            clearance__subcmd__help,freeze)
                cmd="clearance__subcmd__help__subcmd__freeze"
                ;;
            clearance__subcmd__help,help)
                cmd="clearance__subcmd__help__subcmd__help"
                ;;
            clearance__subcmd__help,history)
                cmd="clearance__subcmd__help__subcmd__history"
                ;;
            clearance__subcmd__help,man)
                cmd="clearance__subcmd__help__subcmd__man"
                ;;
            clearance__subcmd__help,models)
                cmd="clearance__subcmd__help__subcmd__models"
                ;;
            clearance__subcmd__help,policy)
                cmd="clearance__subcmd__help__subcmd__policy"
                ;;
            clearance__subcmd__help,promote)
                cmd="clearance__subcmd__help__subcmd__promote"
                ;;
            clearance__subcmd__help,prs)
                cmd="clearance__subcmd__help__subcmd__prs"
                ;;
            clearance__subcmd__help,request)
                cmd="clearance__subcmd__help__subcmd__request"
                ;;
            clearance__subcmd__help,rollback)
                cmd="clearance__subcmd__help__subcmd__rollback"
                ;;
            clearance__subcmd__help,runs)
                cmd="clearance__subcmd__help__subcmd__runs"
                ;;
            clearance__subcmd__help,schema)
                cmd="clearance__subcmd__help__subcmd__schema"
                ;;
            clearance__subcmd__help__subcmd__alerts,ack)
                cmd="clearance__subcmd__help__subcmd__alerts__subcmd__ack"
                ;;
            clearance__subcmd__help__subcmd__alerts,silence)
                cmd="clearance__subcmd__help__subcmd__alerts__subcmd__silence"
                ;;
            clearance__subcmd__help__subcmd__alerts,unack)
                cmd="clearance__subcmd__help__subcmd__alerts__subcmd__unack"
                ;;
            clearance__subcmd__help__subcmd__config,check)
                cmd="clearance__subcmd__help__subcmd__config__subcmd__check"
                ;;
            clearance__subcmd__help__subcmd__config,init)
                cmd="clearance__subcmd__help__subcmd__config__subcmd__init"
                ;;
            clearance__subcmd__help__subcmd__config,path)
                cmd="clearance__subcmd__help__subcmd__config__subcmd__path"
                ;;
            clearance__subcmd__help__subcmd__config,schema)
                cmd="clearance__subcmd__help__subcmd__config__subcmd__schema"
                ;;
            clearance__subcmd__help__subcmd__policy,check)
                cmd="clearance__subcmd__help__subcmd__policy__subcmd__check"
                ;;
            clearance__subcmd__policy,check)
                cmd="clearance__subcmd__policy__subcmd__check"
                ;;
            clearance__subcmd__policy,help)
                cmd="clearance__subcmd__policy__subcmd__help"
                ;;
            clearance__subcmd__policy__subcmd__help,check)
                cmd="clearance__subcmd__policy__subcmd__help__subcmd__check"
                ;;
            clearance__subcmd__policy__subcmd__help,help)
                cmd="clearance__subcmd__policy__subcmd__help__subcmd__help"
                ;;
            *)
                ;;
        esac
    done

    case "${cmd}" in
        clearance)
            opts="-h -V --tracking-uri --dvc-repo --wandb --wandb-registry --wandb-base-url --demo --reset --config --profile --read-only --no-cache --no-mouse --repo --github-api-url --gitlab-project --gitlab-url --log-level --help --version runs models diff promote rollback history baseline alerts apply comment prs policy request approve audit freeze completions man config schema help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 1 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --tracking-uri)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dvc-repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-registry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-base-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --github-api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-project)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -W "off error warn info debug trace" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__alerts)
            opts="-h --json --tracking-uri --dvc-repo --wandb --wandb-registry --wandb-base-url --demo --reset --config --profile --read-only --no-cache --no-mouse --repo --github-api-url --gitlab-project --gitlab-url --log-level --help ack silence unack help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --tracking-uri)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dvc-repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-registry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-base-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --github-api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-project)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -W "off error warn info debug trace" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__alerts__subcmd__ack)
            opts="-h --metric --yes --reason --tracking-uri --dvc-repo --wandb --wandb-registry --wandb-base-url --demo --reset --config --profile --read-only --no-cache --no-mouse --repo --github-api-url --gitlab-project --gitlab-url --log-level --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --metric)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --reason)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tracking-uri)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dvc-repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-registry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-base-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --github-api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-project)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -W "off error warn info debug trace" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__alerts__subcmd__help)
            opts="ack silence unack help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__alerts__subcmd__help__subcmd__ack)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__alerts__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__alerts__subcmd__help__subcmd__silence)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__alerts__subcmd__help__subcmd__unack)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__alerts__subcmd__silence)
            opts="-h --metric --yes --for --reason --tracking-uri --dvc-repo --wandb --wandb-registry --wandb-base-url --demo --reset --config --profile --read-only --no-cache --no-mouse --repo --github-api-url --gitlab-project --gitlab-url --log-level --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --metric)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --for)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --reason)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tracking-uri)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dvc-repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-registry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-base-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --github-api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-project)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -W "off error warn info debug trace" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__alerts__subcmd__unack)
            opts="-h --metric --yes --tracking-uri --dvc-repo --wandb --wandb-registry --wandb-base-url --demo --reset --config --profile --read-only --no-cache --no-mouse --repo --github-api-url --gitlab-project --gitlab-url --log-level --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --metric)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tracking-uri)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dvc-repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-registry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-base-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --github-api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-project)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -W "off error warn info debug trace" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__apply)
            opts="-h --dry-run --applied-by --mr --pr --json --tracking-uri --dvc-repo --wandb --wandb-registry --wandb-base-url --demo --reset --config --profile --read-only --no-cache --no-mouse --repo --github-api-url --gitlab-project --gitlab-url --log-level --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --applied-by)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tracking-uri)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dvc-repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-registry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-base-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --github-api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-project)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -W "off error warn info debug trace" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__approve)
            opts="-h --to --yes --tracking-uri --dvc-repo --wandb --wandb-registry --wandb-base-url --demo --reset --config --profile --read-only --no-cache --no-mouse --repo --github-api-url --gitlab-project --gitlab-url --log-level --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --to)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tracking-uri)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dvc-repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-registry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-base-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --github-api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-project)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -W "off error warn info debug trace" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__audit)
            opts="-h --since --model --format --tracking-uri --dvc-repo --wandb --wandb-registry --wandb-base-url --demo --reset --config --profile --read-only --no-cache --no-mouse --repo --github-api-url --gitlab-project --gitlab-url --log-level --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --since)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --model)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "jsonl csv md" -- "${cur}"))
                    return 0
                    ;;
                --tracking-uri)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dvc-repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-registry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-base-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --github-api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-project)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -W "off error warn info debug trace" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__baseline)
            opts="-h --yes --dry-run --reason --json --tracking-uri --dvc-repo --wandb --wandb-registry --wandb-base-url --demo --reset --config --profile --read-only --no-cache --no-mouse --repo --github-api-url --gitlab-project --gitlab-url --log-level --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --reason)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tracking-uri)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dvc-repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-registry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-base-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --github-api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-project)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -W "off error warn info debug trace" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__comment)
            opts="-h --model --candidate --baseline --tracking-uri --dvc-repo --wandb --wandb-registry --wandb-base-url --demo --reset --config --profile --read-only --no-cache --no-mouse --repo --github-api-url --gitlab-project --gitlab-url --log-level --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --model)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --candidate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --baseline)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tracking-uri)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dvc-repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-registry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-base-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --github-api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-project)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -W "off error warn info debug trace" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__completions)
            opts="-h --tracking-uri --dvc-repo --wandb --wandb-registry --wandb-base-url --demo --reset --config --profile --read-only --no-cache --no-mouse --repo --github-api-url --gitlab-project --gitlab-url --log-level --help bash elvish fish powershell zsh"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --tracking-uri)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dvc-repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-registry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-base-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --github-api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-project)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -W "off error warn info debug trace" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__config)
            opts="-h --tracking-uri --dvc-repo --wandb --wandb-registry --wandb-base-url --demo --reset --config --profile --read-only --no-cache --no-mouse --repo --github-api-url --gitlab-project --gitlab-url --log-level --help path check init schema help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --tracking-uri)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dvc-repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-registry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-base-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --github-api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-project)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -W "off error warn info debug trace" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__config__subcmd__check)
            opts="-h --tracking-uri --dvc-repo --wandb --wandb-registry --wandb-base-url --demo --reset --config --profile --read-only --no-cache --no-mouse --repo --github-api-url --gitlab-project --gitlab-url --log-level --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --tracking-uri)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dvc-repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-registry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-base-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --github-api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-project)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -W "off error warn info debug trace" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__config__subcmd__help)
            opts="path check init schema help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__config__subcmd__help__subcmd__check)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__config__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__config__subcmd__help__subcmd__init)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__config__subcmd__help__subcmd__path)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__config__subcmd__help__subcmd__schema)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__config__subcmd__init)
            opts="-h --force --tracking-uri --dvc-repo --wandb --wandb-registry --wandb-base-url --demo --reset --config --profile --read-only --no-cache --no-mouse --repo --github-api-url --gitlab-project --gitlab-url --log-level --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --tracking-uri)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dvc-repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-registry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-base-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --github-api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-project)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -W "off error warn info debug trace" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__config__subcmd__path)
            opts="-h --tracking-uri --dvc-repo --wandb --wandb-registry --wandb-base-url --demo --reset --config --profile --read-only --no-cache --no-mouse --repo --github-api-url --gitlab-project --gitlab-url --log-level --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --tracking-uri)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dvc-repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-registry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-base-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --github-api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-project)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -W "off error warn info debug trace" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__config__subcmd__schema)
            opts="-h --tracking-uri --dvc-repo --wandb --wandb-registry --wandb-base-url --demo --reset --config --profile --read-only --no-cache --no-mouse --repo --github-api-url --gitlab-project --gitlab-url --log-level --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --tracking-uri)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dvc-repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-registry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-base-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --github-api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-project)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -W "off error warn info debug trace" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__diff)
            opts="-h --candidate --baseline --format --tracking-uri --dvc-repo --wandb --wandb-registry --wandb-base-url --demo --reset --config --profile --read-only --no-cache --no-mouse --repo --github-api-url --gitlab-project --gitlab-url --log-level --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --candidate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --baseline)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "table json md" -- "${cur}"))
                    return 0
                    ;;
                --tracking-uri)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dvc-repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-registry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-base-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --github-api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-project)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -W "off error warn info debug trace" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__freeze)
            opts="-h --reason --model --tracking-uri --dvc-repo --wandb --wandb-registry --wandb-base-url --demo --reset --config --profile --read-only --no-cache --no-mouse --repo --github-api-url --gitlab-project --gitlab-url --log-level --help on off"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --reason)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --model)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tracking-uri)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dvc-repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-registry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-base-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --github-api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-project)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -W "off error warn info debug trace" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__help)
            opts="runs models diff promote rollback history baseline alerts apply comment prs policy request approve audit freeze completions man config schema help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__help__subcmd__alerts)
            opts="ack silence unack"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__help__subcmd__alerts__subcmd__ack)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__help__subcmd__alerts__subcmd__silence)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__help__subcmd__alerts__subcmd__unack)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__help__subcmd__apply)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__help__subcmd__approve)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__help__subcmd__audit)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__help__subcmd__baseline)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__help__subcmd__comment)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__help__subcmd__completions)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__help__subcmd__config)
            opts="path check init schema"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__help__subcmd__config__subcmd__check)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__help__subcmd__config__subcmd__init)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__help__subcmd__config__subcmd__path)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__help__subcmd__config__subcmd__schema)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__help__subcmd__diff)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__help__subcmd__freeze)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__help__subcmd__history)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__help__subcmd__man)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__help__subcmd__models)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__help__subcmd__policy)
            opts="check"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__help__subcmd__policy__subcmd__check)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__help__subcmd__promote)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__help__subcmd__prs)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__help__subcmd__request)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__help__subcmd__rollback)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__help__subcmd__runs)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__help__subcmd__schema)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__history)
            opts="-h --json --tracking-uri --dvc-repo --wandb --wandb-registry --wandb-base-url --demo --reset --config --profile --read-only --no-cache --no-mouse --repo --github-api-url --gitlab-project --gitlab-url --log-level --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --tracking-uri)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dvc-repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-registry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-base-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --github-api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-project)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -W "off error warn info debug trace" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__man)
            opts="-h --tracking-uri --dvc-repo --wandb --wandb-registry --wandb-base-url --demo --reset --config --profile --read-only --no-cache --no-mouse --repo --github-api-url --gitlab-project --gitlab-url --log-level --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --tracking-uri)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dvc-repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-registry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-base-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --github-api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-project)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -W "off error warn info debug trace" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__models)
            opts="-h --json --tracking-uri --dvc-repo --wandb --wandb-registry --wandb-base-url --demo --reset --config --profile --read-only --no-cache --no-mouse --repo --github-api-url --gitlab-project --gitlab-url --log-level --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --tracking-uri)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dvc-repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-registry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-base-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --github-api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-project)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -W "off error warn info debug trace" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__policy)
            opts="-h --tracking-uri --dvc-repo --wandb --wandb-registry --wandb-base-url --demo --reset --config --profile --read-only --no-cache --no-mouse --repo --github-api-url --gitlab-project --gitlab-url --log-level --help check help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --tracking-uri)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dvc-repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-registry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-base-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --github-api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-project)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -W "off error warn info debug trace" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__policy__subcmd__check)
            opts="-h --to --as --rollback --json --tracking-uri --dvc-repo --wandb --wandb-registry --wandb-base-url --demo --reset --config --profile --read-only --no-cache --no-mouse --repo --github-api-url --gitlab-project --gitlab-url --log-level --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --to)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --as)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tracking-uri)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dvc-repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-registry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-base-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --github-api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-project)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -W "off error warn info debug trace" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__policy__subcmd__help)
            opts="check help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__policy__subcmd__help__subcmd__check)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__policy__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__promote)
            opts="-h --to --yes --dry-run --reason --override-gates --override-reason --override-second --via --json --tracking-uri --dvc-repo --wandb --wandb-registry --wandb-base-url --demo --reset --config --profile --read-only --no-cache --no-mouse --repo --github-api-url --gitlab-project --gitlab-url --log-level --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --to)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --reason)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --override-reason)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --override-second)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --via)
                    COMPREPLY=($(compgen -W "direct pr" -- "${cur}"))
                    return 0
                    ;;
                --tracking-uri)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dvc-repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-registry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-base-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --github-api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-project)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -W "off error warn info debug trace" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__prs)
            opts="-h --json --tracking-uri --dvc-repo --wandb --wandb-registry --wandb-base-url --demo --reset --config --profile --read-only --no-cache --no-mouse --repo --github-api-url --gitlab-project --gitlab-url --log-level --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --tracking-uri)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dvc-repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-registry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-base-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --github-api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-project)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -W "off error warn info debug trace" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__request)
            opts="-h --to --reason --withdraw --tracking-uri --dvc-repo --wandb --wandb-registry --wandb-base-url --demo --reset --config --profile --read-only --no-cache --no-mouse --repo --github-api-url --gitlab-project --gitlab-url --log-level --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --to)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --reason)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tracking-uri)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dvc-repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-registry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-base-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --github-api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-project)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -W "off error warn info debug trace" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__rollback)
            opts="-h --alias --yes --dry-run --reason --override-gates --override-reason --override-second --json --tracking-uri --dvc-repo --wandb --wandb-registry --wandb-base-url --demo --reset --config --profile --read-only --no-cache --no-mouse --repo --github-api-url --gitlab-project --gitlab-url --log-level --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --alias)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --reason)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --override-reason)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --override-second)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tracking-uri)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dvc-repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-registry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-base-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --github-api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-project)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -W "off error warn info debug trace" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__runs)
            opts="-e -h --experiment --filter --json --tracking-uri --dvc-repo --wandb --wandb-registry --wandb-base-url --demo --reset --config --profile --read-only --no-cache --no-mouse --repo --github-api-url --gitlab-project --gitlab-url --log-level --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --experiment)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -e)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tracking-uri)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dvc-repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-registry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-base-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --github-api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-project)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -W "off error warn info debug trace" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        clearance__subcmd__schema)
            opts="-h --tracking-uri --dvc-repo --wandb --wandb-registry --wandb-base-url --demo --reset --config --profile --read-only --no-cache --no-mouse --repo --github-api-url --gitlab-project --gitlab-url --log-level --help runs models diff alerts prs history change apply policy audit"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --tracking-uri)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dvc-repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-registry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wandb-base-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --repo)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --github-api-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-project)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gitlab-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -W "off error warn info debug trace" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
    esac
}

if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _clearance -o nosort -o bashdefault -o default clearance
else
    complete -F _clearance -o bashdefault -o default clearance
fi
