//! Experiments and runs: `_search_runs` with `_get_sqlalchemy_filter_clauses` and
//! `_get_orderby_clauses`, translated to the same SQL (parameterized) over the same tables.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use rusqlite::types::Value as Sql;
use rusqlite::{OptionalExtension, Transaction, params_from_iter};

use super::metric_value;
use crate::domain::name::Local;
use crate::domain::run::time_from_ms;
use crate::domain::{
    Experiment, ExperimentId, Fields, Interner, LatestMetric, Lifecycle, Run, RunId, RunStatus,
};
use crate::store::query::filter::{self, Comparison, Entity, Value, translate_key_alias};
use crate::store::query::order::{self, OrderKey};
use crate::store::query::token;
use crate::store::{BackendError, RunPage, RunQuery};

/// The tag MLflow keeps the run name in (and searches `attributes.run_name` through).
pub const RUN_NAME_TAG: &str = "mlflow.runName";
/// The largest page MLflow serves (`SEARCH_MAX_RESULTS_THRESHOLD`).
const MAX_PAGE: u32 = 50_000;

fn sql_err(e: &rusqlite::Error) -> BackendError {
    BackendError::Store(format!("reading the MLflow store: {e}"))
}

/// Active experiments, newest change first (the REST client's order).
pub fn experiments(tx: &Transaction<'_>) -> Result<Vec<Experiment>, BackendError> {
    let mut tags: HashMap<i64, BTreeMap<String, String>> = HashMap::new();
    let mut stmt = tx
        .prepare("SELECT experiment_id, key, value FROM experiment_tags")
        .map_err(|e| sql_err(&e))?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })
        .map_err(|e| sql_err(&e))?;
    for row in rows {
        let (id, key, value) = row.map_err(|e| sql_err(&e))?;
        tags.entry(id)
            .or_default()
            .insert(key, value.unwrap_or_default());
    }
    let mut stmt = tx
        .prepare(
            "SELECT experiment_id, name, lifecycle_stage, creation_time, last_update_time \
             FROM experiments WHERE lifecycle_stage IN ('active')",
        )
        .map_err(|e| sql_err(&e))?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<i64>>(3)?,
                r.get::<_, Option<i64>>(4)?,
            ))
        })
        .map_err(|e| sql_err(&e))?;
    let mut out = Vec::new();
    for row in rows {
        let (id, name, stage, created, updated) = row.map_err(|e| sql_err(&e))?;
        out.push(Experiment {
            id: ExperimentId::new(id.to_string()),
            name,
            lifecycle: Lifecycle::parse(stage.as_deref().unwrap_or_default()),
            last_update_ms: updated.or(created),
            tags: tags.remove(&id).unwrap_or_default(),
        });
    }
    Experiment::sort_newest_first(&mut out);
    Ok(out)
}

/// One page of active runs: filter, order and page token as MLflow reads them; errors worded
/// as the REST client words the server's.
pub fn search_runs(
    tx: &Transaction<'_>,
    query: &RunQuery,
    page_token: Option<&str>,
) -> Result<RunPage, BackendError> {
    page(tx, query, query.filter_text(), page_token).map_err(|e| query.explain(e))
}

fn page(
    tx: &Transaction<'_>,
    query: &RunQuery,
    filter: Option<&str>,
    page_token: Option<&str>,
) -> Result<RunPage, BackendError> {
    let page_size = query.page_size.clamp(1, MAX_PAGE);
    let listing = ordered(query, filter, page_token)?;
    let Listing {
        from,
        mut bound,
        terms,
        offset,
    } = listing;
    // The sort key of each row is read with it, so that the next page's token can name the
    // last one's.
    let mut text = format!("SELECT {RUN_COLUMNS}");
    for t in &terms {
        text.push_str(", ");
        text.push_str(&t.expr);
    }
    text.push_str(&from);
    // Keyset: a token that names the previous page's last row starts after it, so sqlite
    // neither steps over nor sorts the rows of the pages before. A token naming only an
    // offset (MLflow's own) pages by offset.
    let mark = token::order_mark(&query.order_by);
    let skip = match token::after(page_token, &mark).and_then(|key| after_key(&terms, key)) {
        Some((cond, mut values)) => {
            text.push_str(" AND ");
            text.push_str(&cond);
            bound.append(&mut values);
            0
        }
        None => offset,
    };
    text.push_str(&order_by(&terms));
    text.push_str(" LIMIT ? OFFSET ?");
    bound.push(Sql::Integer(i64::from(page_size) + 1));
    bound.push(Sql::Integer(i64::try_from(skip).unwrap_or(i64::MAX)));

    let mut stmt = tx.prepare(&text).map_err(|e| sql_err(&e))?;
    let rows = stmt
        .query_map(params_from_iter(bound), |r| {
            let key = (0..terms.len())
                .map(|i| r.get::<_, Sql>(RUN_COLUMN_COUNT + i))
                .collect::<rusqlite::Result<Vec<Sql>>>()?;
            Ok((RunRow::read(r)?, key))
        })
        .map_err(|e| sql_err(&e))?;
    let mut rows = rows
        .collect::<Result<Vec<(RunRow, Vec<Sql>)>, _>>()
        .map_err(|e| sql_err(&e))?;
    let next_page_token = (rows.len() > page_size as usize).then(|| {
        rows.truncate(page_size as usize);
        let next = offset + u64::from(page_size);
        let key = rows.last().and_then(|(_, key)| key_json(key));
        key.map_or_else(
            || token::encode(next),
            |key| token::encode_after(next, &key, &mark),
        )
    });
    Ok(RunPage {
        runs: load_runs(
            tx,
            rows.into_iter().map(|(row, _)| row).collect(),
            &mut Interner::global().local(),
        )?,
        next_page_token,
    })
}

/// Every run the query matches, in its order, read by one statement and handed to `batch`
/// `query.page_size` rows at a time (to be filled with [`load_runs`]): a whole listing sorts
/// once, where pages would sort again for each offset. `batch` answers whether to go on.
pub fn each_run(
    tx: &Transaction<'_>,
    query: &RunQuery,
    batch: &mut dyn FnMut(Vec<RunRow>) -> Result<bool, BackendError>,
) -> Result<(), BackendError> {
    let size = query.page_size.clamp(1, MAX_PAGE) as usize;
    let listing = ordered(query, query.filter_text(), None).map_err(|e| query.explain(e))?;
    let text = format!(
        "SELECT {RUN_COLUMNS}{}{}",
        listing.from,
        order_by(&listing.terms)
    );
    let mut stmt = tx.prepare(&text).map_err(|e| sql_err(&e))?;
    let mut rows = stmt
        .query(params_from_iter(listing.bound))
        .map_err(|e| sql_err(&e))?;
    let mut held = Vec::with_capacity(size);
    while let Some(r) = rows.next().map_err(|e| sql_err(&e))? {
        held.push(RunRow::read(r).map_err(|e| sql_err(&e))?);
        if held.len() == size && !batch(std::mem::replace(&mut held, Vec::with_capacity(size)))? {
            return Ok(());
        }
    }
    if !held.is_empty() {
        batch(held)?;
    }
    Ok(())
}

/// The columns of `runs` a run is read from, in [`RunRow::read`]'s order.
const RUN_COLUMNS: &str = "runs.run_uuid, runs.name, runs.user_id, runs.status, \
                           runs.start_time, runs.end_time, runs.lifecycle_stage, runs.experiment_id";
const RUN_COLUMN_COUNT: usize = 8;

/// The query's runs as SQL, without the columns selected or the page bounds.
struct Listing {
    /// ` FROM runs <sort joins> WHERE <conditions>`.
    from: String,
    /// What `from` binds, in order.
    bound: Vec<Sql>,
    /// The sort, a total order (it ends with `run_uuid`).
    terms: Vec<Term>,
    /// The offset the page token names.
    offset: u64,
}

/// One term of the ORDER BY.
struct Term {
    expr: String,
    descending: bool,
}

fn order_by(terms: &[Term]) -> String {
    let terms: Vec<String> = terms
        .iter()
        .map(|t| {
            if t.descending {
                format!("{} DESC", t.expr)
            } else {
                t.expr.clone()
            }
        })
        .collect();
    format!(" ORDER BY {}", terms.join(", "))
}

/// The condition "sorts after the row whose sort key is `key`", with what it binds: for terms
/// `t1, t2, …` it is `t1 after v1 OR (t1 IS v1 AND (t2 after v2 OR …))`, spelled out rather
/// than as a row value because the terms' directions differ. NULL sorts first ascending and
/// last descending, as sqlite's ORDER BY puts it. `None` when the key does not fit the terms
/// (a damaged token; one from another order is refused by its order mark before): the page
/// is then found by its offset.
fn after_key(terms: &[Term], key: Vec<serde_json::Value>) -> Option<(String, Vec<Sql>)> {
    if key.len() != terms.len() {
        return None;
    }
    let values = key
        .into_iter()
        .map(|v| match v {
            serde_json::Value::Null => Some(Sql::Null),
            serde_json::Value::String(s) => Some(Sql::Text(s)),
            serde_json::Value::Number(n) => n
                .as_i64()
                .map(Sql::Integer)
                .or_else(|| n.as_f64().map(Sql::Real)),
            _ => None,
        })
        .collect::<Option<Vec<Sql>>>()?;
    let mut text = String::new();
    let mut bound = Vec::new();
    let last = terms.len() - 1;
    for (i, (t, v)) in terms.iter().zip(values).enumerate() {
        let e = &t.expr;
        let is_null = v == Sql::Null;
        // Rows of the key's own class sort after it only on a later term.
        let _ = match (t.descending, is_null) {
            (false, true) => write!(text, "({e} IS NOT NULL"),
            (false, false) => write!(text, "({e} > ?"),
            (true, true) => write!(text, "(0"),
            (true, false) => write!(text, "({e} < ? OR {e} IS NULL"),
        };
        if !is_null {
            bound.push(v.clone());
        }
        if i < last {
            let _ = write!(text, " OR ({e} IS ? AND ");
            bound.push(v);
        }
    }
    for i in 0..terms.len() {
        text.push_str(if i < last { "))" } else { ")" });
    }
    Some((text, bound))
}

/// A sort key as the JSON a page token carries; `None` when JSON cannot carry it exactly (a
/// blob, an infinite real): the token then names only the offset.
fn key_json(key: &[Sql]) -> Option<Vec<serde_json::Value>> {
    key.iter()
        .map(|v| match v {
            Sql::Null => Some(serde_json::Value::Null),
            Sql::Integer(i) => Some((*i).into()),
            Sql::Real(f) => serde_json::Number::from_f64(*f).map(serde_json::Value::Number),
            Sql::Text(s) => Some(s.clone().into()),
            Sql::Blob(_) => None,
        })
        .collect()
}

/// The query's runs as SQL in its order, with the offset `page_token` names (checked where
/// MLflow checks it).
fn ordered(
    query: &RunQuery,
    filter: Option<&str>,
    page_token: Option<&str>,
) -> Result<Listing, BackendError> {
    let invalid = BackendError::InvalidRequest;
    // The order of the checks is MLflow's, so the first complaint is the same.
    let comparisons = filter::parse(filter.unwrap_or_default()).map_err(invalid)?;
    let order = order::parse(&query.order_by).map_err(invalid)?;
    let mut sql = SqlBuilder::default();
    let filters = comparisons
        .iter()
        .map(|c| sql.filter(c))
        .collect::<Result<Vec<String>, String>>()
        .map_err(invalid)?;
    let offset = token::decode(page_token)?;
    let experiment_ids = query
        .experiment_ids
        .iter()
        .map(|id| {
            id.as_str().trim().parse::<i64>().map_err(|_| {
                invalid(format!(
                    "Invalid experiment ID '{id}'. Experiment ID must be a valid integer."
                ))
            })
        })
        .collect::<Result<Vec<i64>, BackendError>>()?;

    // Text in the order it is bound: sort joins come before the WHERE clause.
    let mut from = String::from(" FROM runs");
    let mut bound: Vec<Sql> = Vec::new();
    let terms = order_clauses(&order, &mut from, &mut bound);
    from.push_str(" WHERE runs.experiment_id IN (");
    from.push_str(&placeholders(experiment_ids.len()));
    from.push_str(") AND runs.lifecycle_stage IN ('active')");
    bound.extend(experiment_ids.into_iter().map(Sql::Integer));
    for f in filters {
        from.push_str(" AND ");
        from.push_str(&f);
    }
    bound.append(&mut sql.params);
    Ok(Listing {
        from,
        bound,
        terms,
        offset,
    })
}

/// One run, deleted or not; unknown ids are `NotFound` in MLflow's words.
pub fn run(tx: &Transaction<'_>, id: &RunId) -> Result<Run, BackendError> {
    if id.as_str().is_empty() {
        return Err(BackendError::InvalidRequest(
            "Missing value for required parameter 'run_id'.".to_owned(),
        ));
    }
    let row = tx
        .query_row(
            &format!("SELECT {RUN_COLUMNS} FROM runs WHERE run_uuid = ?"),
            [id.as_str()],
            RunRow::read,
        )
        .optional()
        .map_err(|e| sql_err(&e))?;
    let row = row.ok_or_else(|| BackendError::NotFound(format!("Run with id={id} not found")))?;
    load_runs(tx, vec![row], &mut Interner::global().local())?
        .pop()
        .ok_or_else(|| BackendError::NotFound(format!("Run with id={id} not found")))
}

/// The columns of `runs` a run needs (and only those: a newer schema may add more).
pub struct RunRow {
    id: String,
    name: Option<String>,
    user: Option<String>,
    status: Option<String>,
    start: Option<i64>,
    end: Option<i64>,
    lifecycle: Option<String>,
    experiment: Option<i64>,
}

impl RunRow {
    fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<Self> {
        Ok(Self {
            id: r.get(0)?,
            name: r.get(1)?,
            user: r.get(2)?,
            status: r.get(3)?,
            start: r.get(4)?,
            end: r.get(5)?,
            lifecycle: r.get(6)?,
            experiment: r.get(7)?,
        })
    }
}

/// Runs with their latest metrics, params and tags, in the order of `rows`, their names from
/// `names`.
pub fn load_runs(
    tx: &Transaction<'_>,
    rows: Vec<RunRow>,
    names: &mut Local<'_>,
) -> Result<Vec<Run>, BackendError> {
    let mut runs: Vec<Run> = rows
        .into_iter()
        .map(|r| Run {
            id: RunId::new(r.id),
            experiment_id: ExperimentId::new(
                r.experiment.map(|e| e.to_string()).unwrap_or_default(),
            ),
            name: r.name.unwrap_or_default(),
            status: RunStatus::parse(r.status.as_deref().unwrap_or_default()),
            start_time: r.start.and_then(time_from_ms),
            end_time: r.end.and_then(time_from_ms),
            user: r.user.unwrap_or_default(),
            lifecycle: Lifecycle::parse(r.lifecycle.as_deref().unwrap_or_default()),
            metrics: Fields::new(),
            params: Fields::new(),
            tags: Fields::new(),
        })
        .collect();
    // The batch's ids go in as one JSON array, joined through `json_each`: one statement
    // (prepared once) serves every batch whatever its size, sqlite finds each run's rows by
    // the `run_uuid` index, and each row says which run of the batch it belongs to (its
    // position, `j.key`), so nothing is looked up by id here.
    let ids = serde_json::to_string(&runs.iter().map(|r| r.id.as_str()).collect::<Vec<_>>())
        .map_err(|e| BackendError::Store(format!("listing run ids: {e}")))?;
    each_child(
        tx,
        "SELECT j.key, m.key, m.value, m.timestamp, m.step, m.is_nan \
         FROM json_each(?1) AS j JOIN latest_metrics AS m ON m.run_uuid = j.value",
        &ids,
        &mut runs,
        |run, r| {
            let key = names.key(text(r, 1)?);
            let value: f64 = r.get(2).map_err(|e| sql_err(&e))?;
            let timestamp: Option<i64> = r.get(3).map_err(|e| sql_err(&e))?;
            let step: Option<i64> = r.get(4).map_err(|e| sql_err(&e))?;
            let is_nan: Option<bool> = r.get(5).map_err(|e| sql_err(&e))?;
            run.metrics.insert(
                key,
                LatestMetric {
                    value: metric_value(value, is_nan.unwrap_or(false)),
                    step: step.unwrap_or(0),
                    timestamp: timestamp.unwrap_or(0),
                },
            );
            Ok(())
        },
    )?;
    for (params, sql) in [
        (
            true,
            "SELECT j.key, m.key, m.value FROM json_each(?1) AS j \
             JOIN params AS m ON m.run_uuid = j.value",
        ),
        (
            false,
            "SELECT j.key, m.key, m.value FROM json_each(?1) AS j \
             JOIN tags AS m ON m.run_uuid = j.value",
        ),
    ] {
        each_child(tx, sql, &ids, &mut runs, |run, r| {
            let value = r
                .get_ref(2)
                .and_then(|v| Ok(v.as_str_or_null()?.unwrap_or_default()))
                .map_err(|e| sql_err(&e))?;
            let (key, value) = names.pair(text(r, 1)?, value);
            let map = if params {
                &mut run.params
            } else {
                &mut run.tags
            };
            map.insert(key, value);
            Ok(())
        })?;
    }
    for run in &mut runs {
        finish(run);
    }
    Ok(runs)
}

/// Drops the room filling left, and fills in the name from the tag where the column is empty
/// (runs from MLflow ≤ 1.29), as MLflow does.
fn finish(run: &mut Run) {
    run.metrics.shrink_to_fit();
    run.params.shrink_to_fit();
    run.tags.shrink_to_fit();
    if run.name.is_empty()
        && let Some(name) = run.tags.get(RUN_NAME_TAG)
    {
        name.as_str().clone_into(&mut run.name);
    }
}

/// Runs `sql` (a child table joined to the batch's ids, `?1`, its first column the row's
/// position in the batch) and hands each row to `fill` with the run it belongs to.
fn each_child(
    tx: &rusqlite::Transaction<'_>,
    sql: &str,
    ids: &str,
    runs: &mut [Run],
    mut fill: impl FnMut(&mut Run, &rusqlite::Row<'_>) -> Result<(), BackendError>,
) -> Result<(), BackendError> {
    let mut stmt = tx.prepare_cached(sql).map_err(|e| sql_err(&e))?;
    let mut q = stmt.query([ids]).map_err(|e| sql_err(&e))?;
    while let Some(r) = q.next().map_err(|e| sql_err(&e))? {
        if let Some(run) = position(r).and_then(|i| runs.get_mut(i)) {
            fill(run, r)?;
        }
    }
    Ok(())
}

/// Column `i` of `r` as text, borrowed from the row.
fn text<'r>(r: &'r rusqlite::Row<'_>, i: usize) -> Result<&'r str, BackendError> {
    r.get_ref(i)
        .and_then(|v| Ok(v.as_str()?))
        .map_err(|e| sql_err(&e))
}

/// The position in the batch a child row names (`json_each`'s `key`).
fn position(r: &rusqlite::Row<'_>) -> Option<usize> {
    r.get::<_, i64>(0)
        .ok()
        .and_then(|i| usize::try_from(i).ok())
}

fn placeholders(n: usize) -> String {
    let mut s = "?, ".repeat(n);
    s.truncate(s.len().saturating_sub(2));
    s
}

/// The `runs` column an attribute names.
fn column(key: &str) -> &str {
    match key {
        "run_name" => "name",
        "run_id" => "run_uuid",
        other => other,
    }
}

/// Sort joins (appended to `text`, their keys to `bound`) and the ORDER BY terms: per key, its
/// NULL/NaN placement, then its value; then `start_time DESC` unless sorted on already, then
/// `run_uuid`.
fn order_clauses(order: &[OrderKey], text: &mut String, bound: &mut Vec<Sql>) -> Vec<Term> {
    let mut terms = Vec::new();
    for (i, key) in order.iter().enumerate() {
        let value = match key.entity {
            Entity::Attribute => format!("runs.{}", column(&key.key)),
            Entity::Metric | Entity::Param | Entity::Tag | Entity::Dataset => {
                let alias = format!("sort_{i}");
                let (table, cols) = match key.entity {
                    Entity::Metric => ("latest_metrics", "run_uuid, value, is_nan"),
                    Entity::Param => ("params", "run_uuid, value"),
                    _ => ("tags", "run_uuid, value"),
                };
                let _ = write!(
                    text,
                    " LEFT OUTER JOIN (SELECT {cols} FROM {table} WHERE key = ?) AS {alias} \
                     ON runs.run_uuid = {alias}.run_uuid"
                );
                bound.push(Sql::Text(key.key.clone()));
                format!("{alias}.value")
            }
        };
        // Non-null values first in either direction; for metrics NaN after every number and
        // a missing metric last.
        let placement = if key.entity == Entity::Metric {
            format!("CASE WHEN sort_{i}.is_nan = 1 THEN 1 WHEN {value} IS NULL THEN 2 ELSE 0 END")
        } else {
            format!("CASE WHEN {value} IS NULL THEN 1 ELSE 0 END")
        };
        terms.push(Term {
            expr: placement,
            descending: false,
        });
        terms.push(Term {
            expr: value,
            descending: !key.ascending,
        });
    }
    if !order
        .iter()
        .any(|k| k.entity == Entity::Attribute && k.key == "start_time")
    {
        terms.push(Term {
            expr: "runs.start_time".to_owned(),
            descending: true,
        });
    }
    terms.push(Term {
        expr: "runs.run_uuid".to_owned(),
        descending: false,
    });
    terms
}

/// Collects the parameters of the WHERE clause in the order its text binds them.
#[derive(Default)]
struct SqlBuilder {
    params: Vec<Sql>,
}

impl SqlBuilder {
    /// One comparison as a condition on `runs`, after MLflow's comparator check.
    fn filter(&mut self, c: &Comparison) -> Result<String, String> {
        let comparator = c.comparator.to_uppercase();
        let key = translate_key_alias(&c.key);
        filter::check_comparator(c.entity, key, &comparator)?;
        let exists = |from: &str, cond: String| {
            format!("EXISTS (SELECT 1 FROM {from} WHERE x.run_uuid = runs.run_uuid AND {cond})")
        };
        // Dataset inputs point at runs through `destination_id`.
        let input_exists = |from: &str, cond: String| {
            format!(
                "EXISTS (SELECT 1 FROM {from} WHERE x.destination_id = runs.run_uuid AND {cond})"
            )
        };
        match c.entity {
            Entity::Attribute if key == "run_name" => {
                // MLflow searches the tag: the name column is empty for old runs.
                self.params.push(Sql::Text(RUN_NAME_TAG.to_owned()));
                let cond = self.compare("x.value", &comparator, &c.value)?;
                Ok(exists("tags AS x", format!("x.key = ? AND {cond}")))
            }
            Entity::Attribute => {
                let col = format!("runs.{}", column(key));
                self.compare(&col, &comparator, &c.value)
            }
            Entity::Metric | Entity::Param | Entity::Tag => {
                let table = match c.entity {
                    Entity::Metric => "latest_metrics",
                    Entity::Param => "params",
                    _ => "tags",
                };
                self.params.push(Sql::Text(key.to_owned()));
                if comparator == "IS NULL" || comparator == "IS NOT NULL" {
                    let test = exists(&format!("{table} AS x"), "x.key = ?".to_owned());
                    return Ok(if comparator == "IS NULL" {
                        format!("NOT {test}")
                    } else {
                        test
                    });
                }
                let mut cond = self.compare("x.value", &comparator, &c.value)?;
                if c.entity == Entity::Metric {
                    // NaN is stored as 0 with is_nan: it satisfies only "!=".
                    cond = if comparator == "!=" {
                        format!("({cond} OR x.is_nan = 1)")
                    } else {
                        format!("({cond} AND x.is_nan = 0)")
                    };
                }
                Ok(exists(
                    &format!("{table} AS x"),
                    format!("x.key = ? AND {cond}"),
                ))
            }
            Entity::Dataset => {
                let from = "datasets AS d JOIN inputs AS x ON x.source_id = d.dataset_uuid";
                if key == "context" {
                    let cond = self.compare("t.value", &comparator, &c.value)?;
                    Ok(input_exists(
                        &format!(
                            "{from} JOIN input_tags AS t ON t.input_uuid = x.input_uuid \
                             AND t.name = 'mlflow.data.context'"
                        ),
                        cond,
                    ))
                } else {
                    let cond = self.compare(&format!("d.{key}"), &comparator, &c.value)?;
                    Ok(input_exists(from, cond))
                }
            }
        }
    }

    /// `column <comparator> value` as `SQLAlchemy` writes it for sqlite.
    fn compare(&mut self, col: &str, comparator: &str, value: &Value) -> Result<String, String> {
        let scalar = match value {
            Value::Text(s) => Some(Sql::Text(s.clone())),
            Value::Number(n) => Some(Sql::Real(n.trim().parse::<f64>().map_err(|_| {
                format!("could not convert string to float: {}", filter::repr(n))
            })?)),
            Value::Int(i) => Some(Sql::Integer(*i)),
            Value::Float(f) => Some(Sql::Real(*f)),
            Value::List(_) | Value::None => None,
        };
        match (comparator, scalar, value) {
            ("IN" | "NOT IN", _, Value::List(items)) => {
                let list = placeholders(items.len());
                self.params
                    .extend(items.iter().map(|s| Sql::Text(s.clone())));
                Ok(if comparator == "IN" {
                    format!("{col} IN ({list})")
                } else {
                    format!("({col} NOT IN ({list}))")
                })
            }
            ("LIKE", Some(v), _) => {
                self.params.push(v);
                Ok(format!("{col} LIKE ?"))
            }
            ("ILIKE", Some(v), _) => {
                self.params.push(v);
                Ok(format!("lower({col}) LIKE lower(?)"))
            }
            ("=" | "!=" | "<" | "<=" | ">" | ">=", Some(v), _) => {
                self.params.push(v);
                Ok(format!("{col} {comparator} ?"))
            }
            _ => Err(format!(
                "Invalid comparison: '{comparator}' cannot compare with the value given"
            )),
        }
    }
}
