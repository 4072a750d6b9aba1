//! Experiments and runs: `_search_runs` with `_get_sqlalchemy_filter_clauses` and
//! `_get_orderby_clauses`, translated to the same SQL (parameterized) over the same tables.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use rusqlite::types::Value as Sql;
use rusqlite::{OptionalExtension, Transaction, params_from_iter};

use super::metric_value;
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
/// Ids per `IN (…)` list, well under sqlite's bound-parameter limit.
const ID_CHUNK: usize = 900;
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
    let (mut text, mut bound, offset) = ordered(query, filter, page_token)?;
    text.push_str(" LIMIT ? OFFSET ?");
    bound.push(Sql::Integer(i64::from(page_size) + 1));
    bound.push(Sql::Integer(i64::try_from(offset).unwrap_or(i64::MAX)));

    let mut stmt = tx.prepare(&text).map_err(|e| sql_err(&e))?;
    let rows = stmt
        .query_map(params_from_iter(bound), RunRow::read)
        .map_err(|e| sql_err(&e))?;
    let mut rows = rows
        .collect::<Result<Vec<RunRow>, _>>()
        .map_err(|e| sql_err(&e))?;
    let next_page_token = (rows.len() > page_size as usize).then(|| {
        rows.truncate(page_size as usize);
        token::encode(offset + u64::from(page_size))
    });
    Ok(RunPage {
        runs: load_runs(tx, rows)?,
        next_page_token,
    })
}

/// Every run the query matches, in its order, read by one statement and handed to `batch`
/// `query.page_size` runs at a time (with their metrics, params and tags): a whole listing
/// sorts once, where pages would sort again for each offset. `batch` answers whether to go
/// on. One transaction: the listing is one state of the file, with no run twice or missed.
pub fn each_run(
    tx: &Transaction<'_>,
    query: &RunQuery,
    batch: &mut dyn FnMut(Vec<Run>) -> bool,
) -> Result<(), BackendError> {
    let size = query.page_size.clamp(1, MAX_PAGE) as usize;
    let (text, bound, _) =
        ordered(query, query.filter_text(), None).map_err(|e| query.explain(e))?;
    let mut stmt = tx.prepare(&text).map_err(|e| sql_err(&e))?;
    let mut rows = stmt
        .query(params_from_iter(bound))
        .map_err(|e| sql_err(&e))?;
    let mut held = Vec::with_capacity(size);
    while let Some(r) = rows.next().map_err(|e| sql_err(&e))? {
        held.push(RunRow::read(r).map_err(|e| sql_err(&e))?);
        if held.len() == size && !batch(load_runs(tx, std::mem::take(&mut held))?) {
            return Ok(());
        }
    }
    if !held.is_empty() {
        batch(load_runs(tx, held)?);
    }
    Ok(())
}

/// The statement listing the query's runs in its order (no page bounds), with what it binds
/// and the offset `page_token` names (checked where MLflow checks it).
fn ordered(
    query: &RunQuery,
    filter: Option<&str>,
    page_token: Option<&str>,
) -> Result<(String, Vec<Sql>, u64), BackendError> {
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
    let mut text = String::from(
        "SELECT runs.run_uuid, runs.name, runs.user_id, runs.status, runs.start_time, \
         runs.end_time, runs.lifecycle_stage, runs.experiment_id FROM runs",
    );
    let mut bound: Vec<Sql> = Vec::new();
    let order_sql = order_clauses(&order, &mut text, &mut bound);
    text.push_str(" WHERE runs.experiment_id IN (");
    text.push_str(&placeholders(experiment_ids.len()));
    text.push_str(") AND runs.lifecycle_stage IN ('active')");
    bound.extend(experiment_ids.into_iter().map(Sql::Integer));
    for f in filters {
        text.push_str(" AND ");
        text.push_str(&f);
    }
    bound.append(&mut sql.params);
    text.push_str(" ORDER BY ");
    text.push_str(&order_sql.join(", "));
    Ok((text, bound, offset))
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
            "SELECT run_uuid, name, user_id, status, start_time, end_time, lifecycle_stage, \
             experiment_id FROM runs WHERE run_uuid = ?",
            [id.as_str()],
            RunRow::read,
        )
        .optional()
        .map_err(|e| sql_err(&e))?;
    let row = row.ok_or_else(|| BackendError::NotFound(format!("Run with id={id} not found")))?;
    load_runs(tx, vec![row])?
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

/// Runs with their latest metrics, params and tags, in the order of `rows`.
fn load_runs(tx: &Transaction<'_>, rows: Vec<RunRow>) -> Result<Vec<Run>, BackendError> {
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
    let index: HashMap<String, usize> = runs
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str().to_owned(), i))
        .collect();
    let ids: Vec<String> = index.keys().cloned().collect();
    for chunk in ids.chunks(ID_CHUNK) {
        let list = placeholders(chunk.len());
        let mut stmt = tx
            .prepare(&format!(
                "SELECT run_uuid, key, value, timestamp, step, is_nan FROM latest_metrics \
                 WHERE run_uuid IN ({list})"
            ))
            .map_err(|e| sql_err(&e))?;
        let mut q = stmt
            .query(params_from_iter(chunk))
            .map_err(|e| sql_err(&e))?;
        while let Some(r) = q.next().map_err(|e| sql_err(&e))? {
            let run = r
                .get_ref(0)
                .and_then(|v| Ok(v.as_str()?))
                .map_err(|e| sql_err(&e))?;
            let Some(&i) = index.get(run) else {
                continue;
            };
            let key = r
                .get_ref(1)
                .and_then(|v| Ok(v.as_str()?))
                .map_err(|e| sql_err(&e))?;
            let key = Interner::global().key(key);
            let value: f64 = r.get(2).map_err(|e| sql_err(&e))?;
            let timestamp: Option<i64> = r.get(3).map_err(|e| sql_err(&e))?;
            let step: Option<i64> = r.get(4).map_err(|e| sql_err(&e))?;
            let is_nan: Option<bool> = r.get(5).map_err(|e| sql_err(&e))?;
            runs[i].metrics.insert(
                key,
                LatestMetric {
                    value: metric_value(value, is_nan.unwrap_or(false)),
                    step: step.unwrap_or(0),
                    timestamp: timestamp.unwrap_or(0),
                },
            );
        }
        for table in ["params", "tags"] {
            let mut stmt = tx
                .prepare(&format!(
                    "SELECT run_uuid, key, value FROM {table} WHERE run_uuid IN ({list})"
                ))
                .map_err(|e| sql_err(&e))?;
            let mut q = stmt
                .query(params_from_iter(chunk))
                .map_err(|e| sql_err(&e))?;
            while let Some(r) = q.next().map_err(|e| sql_err(&e))? {
                let run = r
                    .get_ref(0)
                    .and_then(|v| Ok(v.as_str()?))
                    .map_err(|e| sql_err(&e))?;
                let Some(&i) = index.get(run) else {
                    continue;
                };
                let key = r
                    .get_ref(1)
                    .and_then(|v| Ok(v.as_str()?))
                    .map_err(|e| sql_err(&e))?;
                let value = r
                    .get_ref(2)
                    .and_then(|v| Ok(v.as_str_or_null()?.unwrap_or_default()))
                    .map_err(|e| sql_err(&e))?;
                let (key, value) = Interner::global().lock().pair(key, value);
                let map = if table == "params" {
                    &mut runs[i].params
                } else {
                    &mut runs[i].tags
                };
                map.insert(key, value);
            }
        }
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
fn order_clauses(order: &[OrderKey], text: &mut String, bound: &mut Vec<Sql>) -> Vec<String> {
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
        if key.entity == Entity::Metric {
            terms.push(format!(
                "CASE WHEN sort_{i}.is_nan = 1 THEN 1 WHEN {value} IS NULL THEN 2 ELSE 0 END"
            ));
        } else {
            terms.push(format!("CASE WHEN {value} IS NULL THEN 1 ELSE 0 END"));
        }
        terms.push(if key.ascending {
            value
        } else {
            format!("{value} DESC")
        });
    }
    if !order
        .iter()
        .any(|k| k.entity == Entity::Attribute && k.key == "start_time")
    {
        terms.push("runs.start_time DESC".to_owned());
    }
    terms.push("runs.run_uuid".to_owned());
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
