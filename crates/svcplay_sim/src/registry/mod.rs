//! The API server's create path per kind: default → allocate → validate → store, with rollback.

use svcplay_model::Document;

use crate::{Cluster, CreateResult};

/// Creates each document's object in order (cluster settings documents first).
pub fn apply_documents(cluster: &mut Cluster, docs: &[Document]) -> Vec<CreateResult> {
    let _ = (cluster, docs);
    Vec::new()
}
