//! The GraphQL documents clearance sends, taken from what the official SDK (wandb 0.31.0) sends
//! for the same work (`tests/fixtures/wandb/sdk-0.31.0-queries.json`, recorded by
//! `tests/support/wandb_sdk_probe.py`; a unit test compares them token by token). Where
//! clearance asks for more or less, the difference is a named constant here and the test
//! checks that the rest is the SDK's text.

/// Whether the project exists (`project` is null otherwise): asked first, so a wrong entity or
/// project is named as such rather than as an empty list.
pub const IS_PROJECT_READ_ONLY: &str = r"query IsProjectReadOnly($entity: String!, $project: String!) {
  project(entityName: $entity, name: $project) {
    readOnly
  }
}
";

/// One page of runs with `config` and `summaryMetrics`: the SDK's `api.runs(..., lazy=False)`.
/// Its default lazy form leaves both out and then asks for every run again (N+1).
pub const RUNS: &str = r"query Runs($project: String!, $entity: String!, $cursor: String, $perPage: Int = 50, $order: String, $filters: JSONString) {
  project(name: $project, entityName: $entity) {
    internalId
    runCount(filters: $filters)
    readOnly
    runs(filters: $filters, after: $cursor, first: $perPage, order: $order) {
      edges {
        node {
          projectId
          ...RunFragment
        }
        cursor
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
}
fragment RunFragment on Run {
  id
  tags
  name
  displayName
  sweepName
  state
  config
  group
  jobType
  commit
  readOnly
  createdAt
  heartbeatAt
  description
  notes
  systemMetrics
  summaryMetrics
  historyLineCount
  user {
    name
    username
  }
  historyKeys
}
";

/// One run by name: `api.run(path)`.
pub const RUN: &str = r"query Run($project: String!, $entity: String!, $name: String!) {
  project(name: $project, entityName: $entity) {
    run(name: $name) {
      projectId
      ...RunFragment
    }
  }
}
fragment RunFragment on Run {
  id
  tags
  name
  displayName
  sweepName
  state
  config
  group
  jobType
  commit
  readOnly
  createdAt
  heartbeatAt
  description
  notes
  systemMetrics
  summaryMetrics
  historyLineCount
  user {
    name
    username
  }
  historyKeys
}
";

/// Sampled history of one run: `run.history(keys=..., samples=...)`. [`runs_sampled_history`]
/// asks for several runs in one request with the same per-run field under aliases.
pub const RUN_SAMPLED_HISTORY: &str = r"query RunSampledHistory($project: String!, $entity: String!, $name: String!, $specs: [JSONString!]!) {
  project(name: $project, entityName: $entity) {
    run(name: $name) { sampledHistory(specs: $specs) }
  }
}
";

/// The collections of one artifact type in a project: `api.artifact_collections(path, type)`.
pub const ARTIFACT_TYPE_ARTIFACT_COLLECTIONS: &str = r"query ArtifactTypeArtifactCollections($entity: String!, $project: String!, $type: String!, $cursor: String, $perPage: Int, $filters: JSONString, $order: String) {
  project(entityName: $entity, name: $project) {
    artifactType(name: $type) {
      artifactCollections(
        after: $cursor
        first: $perPage
        filters: $filters
        order: $order
      ) {
        totalCount
        pageInfo {
          ...PageInfoFragment
        }
        edges {
          node {
            __typename
            ...ArtifactCollectionFragment
          }
        }
      }
    }
  }
}
fragment ArtifactCollectionFragment on ArtifactCollection {
  __typename
  id
  name
  description
  createdAt
  updatedAt
  project {
    ...ProjectInfoFragment
  }
  type: defaultArtifactType {
    name
  }
  tags {
    edges {
      node {
        ...TagFragment
      }
    }
  }
}
fragment PageInfoFragment on PageInfo {
  __typename
  endCursor
  hasNextPage
}
fragment ProjectInfoFragment on Project {
  id
  internalId
  name
  entity {
    name
  }
}
fragment TagFragment on Tag {
  __typename
  id
  name
}
";

/// The collections of a registry: `api.registry(name).collections()`.
pub const REGISTRY_COLLECTIONS: &str = r"query RegistryCollections($organization: String!, $registryFilter: JSONString, $collectionFilter: JSONString, $collectionTypes: [ArtifactCollectionType!] = [PORTFOLIO], $cursor: String, $perPage: Int, $order: String) {
  organization(name: $organization) {
    orgEntity {
      name
      artifactCollections(
        projectFilters: $registryFilter
        filters: $collectionFilter
        collectionTypes: $collectionTypes
        after: $cursor
        first: $perPage
        order: $order
      ) {
        totalCount
        pageInfo {
          ...PageInfoFragment
        }
        edges {
          node {
            __typename
            ...RegistryCollectionFragment
          }
        }
      }
    }
  }
}
fragment PageInfoFragment on PageInfo {
  __typename
  endCursor
  hasNextPage
}
fragment ProjectInfoFragment on Project {
  id
  internalId
  name
  entity {
    name
  }
}
fragment RegistryCollectionFragment on ArtifactCollection {
  __typename
  id
  name
  description
  createdAt
  updatedAt
  project {
    ...ProjectInfoFragment
  }
  type: defaultArtifactType {
    name
  }
  tags {
    edges {
      node {
        ...TagFragment
      }
    }
  }
}
fragment TagFragment on Tag {
  __typename
  id
  name
}
";

/// The organization of an entity; its org entity owns the registries' projects.
pub const FETCH_ORG_INFO_FROM_ENTITY: &str = r"query FetchOrgInfoFromEntity($entity: String!) {
  entity(name: $entity) {
    organization {
      ...OrgInfoFragment
    }
    user {
      organizations {
        ...OrgInfoFragment
      }
    }
  }
}
fragment OrgInfoFragment on Organization {
  name
  orgEntity {
    name
  }
}
";

/// The versions of one collection with their aliases and metadata: `api.artifacts(type, path)`,
/// plus [`CREATED_BY_FIELD`] (with [`RUN_INFO_FRAGMENT`]) so that every version's source run
/// arrives in the same answer; the SDK asks `ArtifactCreatedBy` once per version instead.
pub const PROJECT_ARTIFACTS: &str = r"query ProjectArtifacts ($entity: String!, $project: String!, $type: String!, $collection: String!, $cursor: String, $perPage: Int = 50, $order: String, $filters: JSONString, $includeAliases: Boolean = true) {
  project(entityName: $entity, name: $project) {
    artifactType(name: $type) {
      artifactCollection(name: $collection) {
        __typename
        artifacts(after: $cursor, first: $perPage, order: $order, filters: $filters) {
          totalCount
          pageInfo {
            ... PageInfoFragment
          }
          edges {
            version
            node {
              ... ArtifactFragment
            }
          }
        }
      }
    }
  }
}
fragment ArtifactAliasFragment on ArtifactAlias {
  __typename
  id
  alias
}
fragment ArtifactFragment on Artifact {
  __typename
  id
  artifactSequence {
    ... SourceCollectionInfoFragment
  }
  versionIndex
  artifactType {
    name
  }
  description
  metadata
  ttlDurationSeconds
  ttlIsInherited
  tags {
    ... TagFragment
  }
  historyStep
  state
  size
  digest
  commitHash
  fileCount
  createdAt
  updatedAt
  createdBy {
    __typename
    ... on Run {
      ... RunInfoFragment
    }
  }
  aliases @include(if: $includeAliases) {
    artifactCollection {
      ... CollectionInfoFragment
    }
    ... ArtifactAliasFragment
  }
}
fragment CollectionInfoFragment on ArtifactCollection {
  __typename
  name
  project {
    ... ProjectInfoFragment
  }
}
fragment PageInfoFragment on PageInfo {
  __typename
  endCursor
  hasNextPage
}
fragment ProjectInfoFragment on Project {
  id
  internalId
  name
  entity {
    name
  }
}
fragment SourceCollectionInfoFragment on ArtifactSequence {
  __typename
  name
  project {
    ... ProjectInfoFragment
  }
}
fragment TagFragment on Tag {
  __typename
  id
  name
}
fragment RunInfoFragment on Run {
  __typename
  id
  name
  project {
    ... ProjectInfoFragment
  }
}
";

/// Adds aliases to a version. An alias is unique within a collection: W&B takes it off the
/// version that held it.
pub const ADD_ALIASES: &str = r"mutation AddAliases($input: AddAliasesInput!) {
  result: addAliases(input: $input) {
    success
  }
}
";

/// Removes aliases from a version.
pub const DELETE_ALIASES: &str = r"mutation DeleteAliases($input: DeleteAliasesInput!) {
  result: deleteAliases(input: $input) {
    success
  }
}
";

/// Replaces a version's metadata, where clearance keeps version tags. The SDK sends this after
/// every `artifact.save()`.
pub const UPDATE_ARTIFACT: &str = r"mutation UpdateArtifact ($input: UpdateArtifactInput!, $includeAliases: Boolean = true) {
  result: updateArtifact(input: $input) {
    artifact {
      ... ArtifactFragment
    }
  }
}
fragment ArtifactAliasFragment on ArtifactAlias {
  __typename
  id
  alias
}
fragment ArtifactFragment on Artifact {
  __typename
  id
  artifactSequence {
    ... SourceCollectionInfoFragment
  }
  versionIndex
  artifactType {
    name
  }
  description
  metadata
  ttlDurationSeconds
  ttlIsInherited
  tags {
    ... TagFragment
  }
  historyStep
  state
  size
  digest
  commitHash
  fileCount
  createdAt
  updatedAt
  aliases @include(if: $includeAliases) {
    artifactCollection {
      ... CollectionInfoFragment
    }
    ... ArtifactAliasFragment
  }
}
fragment CollectionInfoFragment on ArtifactCollection {
  __typename
  name
  project {
    ... ProjectInfoFragment
  }
}
fragment ProjectInfoFragment on Project {
  id
  internalId
  name
  entity {
    name
  }
}
fragment SourceCollectionInfoFragment on ArtifactSequence {
  __typename
  name
  project {
    ... ProjectInfoFragment
  }
}
fragment TagFragment on Tag {
  __typename
  id
  name
}
";

/// What [`PROJECT_ARTIFACTS`] adds to the SDK's `ArtifactFragment`: the run that logged the
/// version (the SDK's `ArtifactCreatedBy` asks for exactly this, one version at a time).
#[cfg_attr(
    not(test),
    expect(
        dead_code,
        reason = "names the difference from the SDK; the golden test checks it"
    )
)]
pub const CREATED_BY_FIELD: &str = "createdBy { __typename ... on Run { ... RunInfoFragment } }";

/// The fragment [`CREATED_BY_FIELD`] uses, from the SDK's `ArtifactCreatedBy`.
#[cfg_attr(
    not(test),
    expect(
        dead_code,
        reason = "names the difference from the SDK; the golden test checks it"
    )
)]
pub const RUN_INFO_FRAGMENT: &str =
    "fragment RunInfoFragment on Run { __typename id name project { ... ProjectInfoFragment } }";

/// Adds or removes run tags. Modelled on the SDK's own summary write (`mutation
/// UpsertBucket($id: String, $summaryMetrics: JSONString)`, which sends the run's id and the one
/// field it changes): `run.update()` would send the whole config back too, and a config
/// changed in between would be overwritten.
pub const UPSERT_BUCKET_TAGS: &str = r"mutation UpsertBucket($id: String, $tags: [String!]) {
  upsertBucket(input: { id: $id, tags: $tags }) {
    bucket { id tags }
  }
}
";

/// Sampled histories of several runs of one project in one request: the field of
/// [`RUN_SAMPLED_HISTORY`] once per run, under the aliases `r0`, `r1`... with the names in
/// `$n0`, `$n1`... (GraphQL has no list-of-runs field for this).
pub fn runs_sampled_history(runs: usize) -> String {
    use std::fmt::Write as _;
    let mut vars = String::new();
    let mut fields = String::new();
    for i in 0..runs {
        let _ = write!(vars, ", $n{i}: String!");
        let _ = writeln!(
            fields,
            "    r{i}: run(name: $n{i}) {{ sampledHistory(specs: $specs) }}"
        );
    }
    format!(
        "query RunsSampledHistory($project: String!, $entity: String!, $specs: [JSONString!]!{vars}) {{\n  \
         project(name: $project, entityName: $entity) {{\n{fields}  }}\n}}\n"
    )
}
