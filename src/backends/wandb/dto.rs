//! serde mirrors of the parts of W&B's GraphQL answers clearance reads. Everything defaults:
//! GraphQL answers `null` for what it cannot resolve (a missing project or run), servers of
//! different versions know different fields, and the `JSONString` fields are kept as raw
//! values for [`super::json`] to read leniently.

use serde::Deserialize;
use serde_json::Value;

/// `{"data": …, "errors": […]}`; errors arrive with HTTP 200.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Envelope {
    pub data: Option<Value>,
    pub errors: Vec<GqlError>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct GqlError {
    pub message: String,
    pub path: Vec<Value>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PageInfo {
    pub end_cursor: Option<String>,
    pub has_next_page: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Connection<E> {
    pub edges: Vec<E>,
    pub page_info: PageInfo,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct Named {
    pub name: String,
}

// --- runs ---

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ProjectOnly {
    pub project: Option<Value>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RunsData {
    pub project: Option<RunsProject>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RunsProject {
    pub runs: Option<Connection<RunEdge>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RunEdge {
    pub node: Option<RunDto>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RunData {
    pub project: Option<RunProject>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RunProject {
    pub run: Option<RunDto>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RunDto {
    /// The Relay id (`Run:v1:<name>:<project>:<entity>`, base64): what mutations take.
    pub id: String,
    /// The run id people see in URLs (8 characters when W&B picks it).
    pub name: String,
    pub display_name: Option<String>,
    pub state: Option<String>,
    pub tags: Vec<String>,
    pub group: Option<String>,
    pub job_type: Option<String>,
    pub sweep_name: Option<String>,
    pub created_at: Option<String>,
    pub heartbeat_at: Option<String>,
    pub notes: Option<String>,
    /// A `JSONString`: `{"lr": {"value": 0.01, "desc": null}, "_wandb": {...}}`.
    pub config: Option<Value>,
    /// A `JSONString`: flat keys (`val/acc`), plus `_step`, `_runtime`, `_timestamp`.
    pub summary_metrics: Option<Value>,
    pub user: Option<UserDto>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct UserDto {
    pub username: Option<String>,
}

// --- collections and versions ---

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct TypeCollectionsData {
    pub project: Option<TypeCollectionsProject>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct TypeCollectionsProject {
    pub artifact_type: Option<TypeCollections>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct TypeCollections {
    pub artifact_collections: Option<Connection<CollectionEdge>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RegistryCollectionsData {
    pub organization: Option<RegistryOrganization>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RegistryOrganization {
    pub org_entity: Option<RegistryOrgEntity>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RegistryOrgEntity {
    pub name: String,
    pub artifact_collections: Option<Connection<CollectionEdge>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CollectionEdge {
    pub node: Option<CollectionDto>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CollectionDto {
    #[serde(rename = "__typename")]
    pub typename: String,
    pub name: String,
    pub description: Option<String>,
    pub updated_at: Option<String>,
    pub created_at: Option<String>,
    pub project: Option<ProjectInfo>,
    #[serde(rename = "type")]
    pub artifact_type: Option<Named>,
    pub tags: Option<TagConnection>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct TagConnection {
    pub edges: Vec<TagEdge>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct TagEdge {
    pub node: Option<Named>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ProjectInfo {
    pub name: String,
    pub entity: Option<Named>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ArtifactsData {
    pub project: Option<ArtifactsProject>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ArtifactsProject {
    pub artifact_type: Option<ArtifactsType>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ArtifactsType {
    pub artifact_collection: Option<ArtifactsCollection>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ArtifactsCollection {
    pub artifacts: Option<Connection<ArtifactEdge>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ArtifactEdge {
    /// `v3`: the version in the collection asked about (a registry collection numbers its
    /// versions itself; `versionIndex` is the source collection's number).
    pub version: Option<String>,
    pub node: Option<ArtifactDto>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ArtifactDto {
    pub id: String,
    pub version_index: Option<i64>,
    pub description: Option<String>,
    /// A `JSONString` of the metadata object.
    pub metadata: Option<Value>,
    pub state: Option<String>,
    pub created_at: Option<String>,
    pub tags: Vec<Named>,
    pub aliases: Vec<AliasDto>,
    pub artifact_sequence: Option<CollectionInfo>,
    pub created_by: Option<CreatedBy>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct AliasDto {
    pub alias: String,
    pub artifact_collection: Option<CollectionInfo>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct CollectionInfo {
    pub name: String,
    pub project: Option<ProjectInfo>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct CreatedBy {
    #[serde(rename = "__typename")]
    pub typename: String,
    pub name: Option<String>,
    pub project: Option<ProjectInfo>,
}

// --- organizations ---

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct OrgInfoData {
    pub entity: Option<OrgInfoEntity>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct OrgInfoEntity {
    pub organization: Option<OrgDto>,
    pub user: Option<OrgUser>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct OrgUser {
    pub organizations: Vec<OrgDto>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct OrgDto {
    pub name: String,
    pub org_entity: Option<Named>,
}

// --- mutations ---

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SuccessData {
    pub result: Option<Success>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Success {
    pub success: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct UpsertBucketData {
    pub upsert_bucket: Option<UpsertBucket>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct UpsertBucket {
    pub bucket: Option<Value>,
}
