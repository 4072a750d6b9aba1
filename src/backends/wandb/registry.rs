//! Collections as registered models: a registry's collections (`RegistryCollections`, the
//! registry being the project `wandb-registry-<name>` of the organization's entity), or the
//! project's collections of the model type (`ArtifactTypeArtifactCollections`); the versions of
//! each with `ProjectArtifacts`, which addresses both the same way.

use std::collections::BTreeMap;

use futures::{StreamExt, TryStreamExt};
use serde_json::json;

use super::convert::{self, CollectionPath, TAG_VALUE, VersionRecord};
use super::dto::{
    ArtifactsData, CollectionDto, CollectionEdge, Connection, OrgDto, OrgInfoData,
    RegistryCollectionsData, TypeCollectionsData,
};
use super::{Organization, Scope, WandbClient, ops};
use crate::domain::{RegisteredModel, VersionId};
use crate::store::{BackendError, Pages};

/// Collections and versions per page.
const PAGE: u32 = 100;
/// Collections whose versions are read at the same time.
const CONCURRENT: usize = 4;
/// The prefix of a registry's project.
pub const REGISTRY_PREFIX: &str = "wandb-registry-";

/// A collection clearance shows as a registered model.
#[derive(Debug, Clone)]
pub struct Collection {
    pub path: CollectionPath,
    pub artifact_type: String,
    pub description: String,
    pub tags: Vec<String>,
    pub updated: Option<String>,
}

/// A model as read, with what the writer needs: where it lives and its versions' ids and
/// metadata.
#[derive(Debug, Clone)]
pub struct ModelData {
    pub path: CollectionPath,
    pub versions: Vec<VersionRecord>,
}

impl ModelData {
    pub fn record(&self, v: &VersionId) -> Option<&VersionRecord> {
        self.versions.iter().find(|r| &r.version.version == v)
    }

    /// The version holding `alias`, if any.
    pub fn holder(&self, alias: &str) -> Option<&VersionRecord> {
        self.versions
            .iter()
            .find(|r| r.version.aliases.iter().any(|a| a == alias))
    }
}

/// A registry's name without the project prefix (`model` for `wandb-registry-model`).
pub fn registry_name(name: &str) -> &str {
    name.strip_prefix(REGISTRY_PREFIX).unwrap_or(name)
}

fn collection(dto: CollectionDto, home: &Scope, fallback_type: &str) -> Collection {
    let scope = dto
        .project
        .as_ref()
        .map_or_else(|| home.clone(), |p| Scope::from_info(p, home));
    Collection {
        path: CollectionPath {
            scope,
            name: dto.name,
        },
        artifact_type: dto
            .artifact_type
            .map(|t| t.name)
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| fallback_type.to_owned()),
        description: dto.description.unwrap_or_default(),
        tags: dto
            .tags
            .map(|t| {
                t.edges
                    .into_iter()
                    .filter_map(|e| e.node.map(|n| n.name))
                    .collect()
            })
            .unwrap_or_default(),
        updated: dto.updated_at.or(dto.created_at),
    }
}

fn pick_org(entity: &str, data: OrgInfoData) -> Result<OrgDto, String> {
    let Some(e) = data.entity else {
        return Err(format!("W&B has no entity '{entity}'"));
    };
    if let Some(org) = e.organization {
        return Ok(org);
    }
    let mut orgs = e.user.map(|u| u.organizations).unwrap_or_default();
    match orgs.len() {
        1 => Ok(orgs.remove(0)),
        0 => Err(format!(
            "the entity '{entity}' belongs to no organization, so it has no registry: leave \
             the registry out to review the project's own model collections"
        )),
        _ => Err(format!(
            "the entity '{entity}' belongs to several organizations ({}): name a team entity \
             of the one whose registry you mean (--wandb TEAM/PROJECT or wandb.entity)",
            orgs.iter()
                .map(|o| format!("'{}'", o.name))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

impl WandbClient {
    /// The registry's organization, asked once and kept.
    async fn organization(&self) -> Result<&Organization, BackendError> {
        self.org
            .get_or_try_init(|| async {
                let entity = &self.home().entity;
                let data: OrgInfoData = self
                    .query(
                        "FetchOrgInfoFromEntity",
                        ops::FETCH_ORG_INFO_FROM_ENTITY,
                        json!({"entity": entity}),
                    )
                    .await?;
                let org = pick_org(entity, data).map_err(BackendError::NotFound)?;
                let org_entity = org.org_entity.map(|e| e.name).ok_or_else(|| {
                    BackendError::NotFound(format!(
                        "the organization '{}' has no entity for its registries",
                        org.name
                    ))
                })?;
                Ok(Organization {
                    name: org.name,
                    entity: org_entity,
                })
            })
            .await
    }

    /// Every collection shown as a model, by name.
    async fn collections(&self, only: Option<&str>) -> Result<Vec<Collection>, BackendError> {
        let mut out = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut pages = Pages::new(&self.target, "artifact collections");
        let mut cursor: Option<String> = None;
        loop {
            let conn = self.collections_page(only, cursor.as_deref()).await?;
            let items = conn.edges.len();
            let before = out.len();
            // Each collection once: a server replaying a page under fresh cursors brings
            // nothing new, and paging stops (see `Pages`).
            out.extend(
                conn.edges
                    .into_iter()
                    .filter_map(|e| e.node)
                    .map(|dto| collection(dto, self.home(), &self.settings.artifact_type))
                    .filter(|c| seen.insert(c.path.name.clone())),
            );
            let next = conn
                .page_info
                .end_cursor
                .filter(|_| conn.page_info.has_next_page);
            match pages.next(next, items, out.len() - before)? {
                Some(c) => cursor = Some(c),
                None => break,
            }
        }
        if let Some(name) = only {
            out.retain(|c| c.path.name == name);
        }
        out.sort_by(|a, b| a.path.name.cmp(&b.path.name));
        Ok(out)
    }

    async fn collections_page(
        &self,
        only: Option<&str>,
        cursor: Option<&str>,
    ) -> Result<Connection<CollectionEdge>, BackendError> {
        if let Some(registry) = &self.settings.registry {
            let org = self.organization().await?;
            let project = format!("{REGISTRY_PREFIX}{}", registry_name(registry));
            let mut vars = json!({
                "organization": org.name,
                "registryFilter": json!({"name": project}).to_string(),
                "cursor": cursor,
                "perPage": PAGE,
            });
            if let Some(name) = only {
                vars["collectionFilter"] = json!(json!({"name": name}).to_string());
            }
            let data: RegistryCollectionsData = self
                .query("RegistryCollections", ops::REGISTRY_COLLECTIONS, vars)
                .await?;
            let entity = data
                .organization
                .and_then(|o| o.org_entity)
                .ok_or_else(|| {
                    BackendError::NotFound(format!(
                        "{} has no organization '{}' (or the API key cannot see it)",
                        self.target, org.name
                    ))
                })?;
            return Ok(entity.artifact_collections.unwrap_or_default());
        }
        let scope = self.home();
        let data: TypeCollectionsData = self
            .query(
                "ArtifactTypeArtifactCollections",
                ops::ARTIFACT_TYPE_ARTIFACT_COLLECTIONS,
                json!({
                    "entity": scope.entity,
                    "project": scope.project,
                    "type": self.settings.artifact_type,
                    "cursor": cursor,
                    "perPage": PAGE,
                }),
            )
            .await?;
        let project = data.project.ok_or_else(|| self.no_project(scope))?;
        // A project with no artifact of the type has no such type: no collections.
        Ok(project
            .artifact_type
            .and_then(|t| t.artifact_collections)
            .unwrap_or_default())
    }

    /// Every version of one collection, committed ones only (as the SDK lists them).
    async fn versions_of(&self, c: &Collection) -> Result<Vec<VersionRecord>, BackendError> {
        let scope = &c.path.scope;
        let mut out = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut pages = Pages::new(&self.target, &format!("the versions of '{}'", c.path.name));
        let mut cursor: Option<String> = None;
        loop {
            let data: ArtifactsData = self
                .query(
                    "ProjectArtifacts",
                    ops::PROJECT_ARTIFACTS,
                    json!({
                        "entity": scope.entity,
                        "project": scope.project,
                        "type": c.artifact_type,
                        "collection": c.path.name,
                        "cursor": cursor,
                        "perPage": PAGE,
                        "filters": json!({"state": "COMMITTED"}).to_string(),
                    }),
                )
                .await?;
            let conn = data
                .project
                .and_then(|p| p.artifact_type)
                .and_then(|t| t.artifact_collection)
                .ok_or_else(|| {
                    BackendError::NotFound(format!(
                        "no {} collection '{}' in W&B project {scope}",
                        c.artifact_type, c.path.name
                    ))
                })?
                .artifacts
                .unwrap_or_default();
            let items = conn.edges.len();
            let before = out.len();
            for edge in conn.edges {
                let Some(node) = edge.node else { continue };
                let record = convert::version(&c.path, edge.version.as_deref(), node, self.home())
                    .map_err(|detail| BackendError::Decode {
                        what: format!("{}'s versions of '{}'", self.target, c.path.name),
                        detail,
                    })?;
                // Each artifact once, as for collections.
                if seen.insert(record.artifact_id.clone()) {
                    out.push(record);
                }
            }
            let next = conn
                .page_info
                .end_cursor
                .filter(|_| conn.page_info.has_next_page);
            match pages.next(next, items, out.len() - before)? {
                Some(cur) => cursor = Some(cur),
                None => return Ok(out),
            }
        }
    }

    fn model_from(c: &Collection, versions: &[VersionRecord]) -> RegisteredModel {
        let mut aliases = BTreeMap::new();
        for r in versions {
            for a in &r.version.aliases {
                aliases.insert(a.clone(), r.version.version.clone());
            }
        }
        let mut m = RegisteredModel {
            name: c.path.name.clone(),
            description: c.description.clone(),
            tags: c
                .tags
                .iter()
                .map(|t| (t.clone(), TAG_VALUE.to_owned()))
                .collect(),
            aliases,
            versions: versions.iter().map(|r| r.version.clone()).collect(),
            updated: convert::time(c.updated.as_deref()),
        };
        m.normalize();
        m
    }

    pub(super) async fn all_models(&self) -> Result<Vec<RegisteredModel>, BackendError> {
        let collections = self.collections(None).await?;
        futures::stream::iter(collections)
            .map(|c| self.model_of(c))
            .buffered(CONCURRENT)
            .try_collect()
            .await
    }

    async fn model_of(&self, c: Collection) -> Result<RegisteredModel, BackendError> {
        let versions = self.versions_of(&c).await?;
        Ok(Self::model_from(&c, &versions))
    }

    /// One model with what the writer needs to change it.
    pub(super) async fn one_model(
        &self,
        name: &str,
    ) -> Result<(RegisteredModel, ModelData), BackendError> {
        let collection = if self.settings.registry.is_some() {
            self.collections(Some(name)).await?.into_iter().next()
        } else {
            Some(Collection {
                path: CollectionPath {
                    scope: self.home().clone(),
                    name: name.to_owned(),
                },
                artifact_type: self.settings.artifact_type.clone(),
                description: String::new(),
                tags: Vec::new(),
                updated: None,
            })
        };
        let Some(c) = collection else {
            return Err(BackendError::NotFound(format!(
                "registered model '{name}' not found: no collection of that name in {}",
                self.registry_label().await
            )));
        };
        let versions = self.versions_of(&c).await.map_err(|e| match e {
            BackendError::NotFound(_) => BackendError::NotFound(format!(
                "registered model '{name}' not found: no {} collection of that name in W&B \
                 project {}",
                c.artifact_type, c.path.scope
            )),
            other => other,
        })?;
        let model = Self::model_from(&c, &versions);
        Ok((
            model,
            ModelData {
                path: c.path,
                versions,
            },
        ))
    }

    async fn registry_label(&self) -> String {
        match &self.settings.registry {
            Some(r) => match self.organization().await {
                Ok(org) => format!("the registry '{}' of '{}'", registry_name(r), org.name),
                Err(_) => format!("the registry '{}'", registry_name(r)),
            },
            None => format!("W&B project {}", self.home()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backends::wandb::dto::{Named, OrgInfoEntity, OrgUser};

    fn org(name: &str) -> OrgDto {
        OrgDto {
            name: name.to_owned(),
            org_entity: Some(Named {
                name: format!("{name}-entity"),
            }),
        }
    }

    #[test]
    fn organizations_from_a_team_or_a_user() {
        let team = OrgInfoData {
            entity: Some(OrgInfoEntity {
                organization: Some(org("acme")),
                user: None,
            }),
        };
        assert_eq!(pick_org("lab", team).unwrap().name, "acme");
        let user = |orgs: Vec<OrgDto>| OrgInfoData {
            entity: Some(OrgInfoEntity {
                organization: None,
                user: Some(OrgUser {
                    organizations: orgs,
                }),
            }),
        };
        assert_eq!(
            pick_org("ann", user(vec![org("solo")])).unwrap().name,
            "solo"
        );
        let e = pick_org("ann", user(vec![org("a"), org("b")])).unwrap_err();
        assert!(e.contains("several organizations ('a', 'b')"), "{e}");
        let e = pick_org("ann", user(vec![])).unwrap_err();
        assert!(e.contains("belongs to no organization"), "{e}");
        let e = pick_org("nobody", OrgInfoData { entity: None }).unwrap_err();
        assert_eq!(e, "W&B has no entity 'nobody'");
    }

    #[test]
    fn registry_names_with_or_without_the_prefix() {
        assert_eq!(registry_name("model"), "model");
        assert_eq!(registry_name("wandb-registry-model"), "model");
    }
}
