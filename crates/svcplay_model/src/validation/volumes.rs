//! Pod volumes and container volume mounts (`ValidateVolumes`, `validateVolumeSource`,
//! `ValidateVolumeMounts` in `pkg/apis/core/validation`, Kubernetes 1.33):
//!
//! * each volume has a DNS-1123 label name, unique in the pod, and exactly one source type
//!   (`must specify a volume type`; a second one is `may not specify more than 1 volume type`,
//!   checked in upstream's order of the types); the common sources get their own checks
//!   (`emptyDir`, `hostPath`, `secret`, `configMap`, `persistentVolumeClaim`, `nfs`);
//! * a volume with any error is left out of the set mounts may name, as upstream does;
//! * each mount names a volume of that set, has a unique `mountPath`, a relative `subPath`
//!   without `..`, a supported `mountPropagation`.
//!
//! Left out: per-source checks of the rarely used volume types (they are counted), volume
//! devices, `recursiveReadOnly`.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::field::{ErrorList, FieldError, Path};
use crate::quantity::Quantity;

use super::names::is_dns1123_label;

/// Every volume source field, in `validateVolumeSource`'s order, with the path child upstream
/// reports a second source at (note `downwarAPI`, sic).
const SOURCES: &[(&str, &str)] = &[
    ("emptyDir", "emptyDir"),
    ("hostPath", "hostPath"),
    ("gitRepo", "gitRepo"),
    ("gcePersistentDisk", "gcePersistentDisk"),
    ("awsElasticBlockStore", "awsElasticBlockStore"),
    ("secret", "secret"),
    ("nfs", "nfs"),
    ("iscsi", "iscsi"),
    ("glusterfs", "glusterfs"),
    ("flocker", "flocker"),
    ("persistentVolumeClaim", "persistentVolumeClaim"),
    ("rbd", "rbd"),
    ("cinder", "cinder"),
    ("cephfs", "cephFS"),
    ("quobyte", "quobyte"),
    ("downwardAPI", "downwarAPI"),
    ("fc", "fc"),
    ("flexVolume", "flexVolume"),
    ("configMap", "configMap"),
    ("azureFile", "azureFile"),
    ("vsphereVolume", "vsphereVolume"),
    ("photonPersistentDisk", "photonPersistentDisk"),
    ("portworxVolume", "portworxVolume"),
    ("azureDisk", "azureDisk"),
    ("storageos", "storageos"),
    ("projected", "projected"),
    ("scaleIO", "scaleIO"),
    ("csi", "csi"),
    ("ephemeral", "ephemeral"),
];

/// `fileModeErrorMsg`.
const FILE_MODE_MSG: &str = "must be a number between 0 and 0777 (octal), both inclusive";

fn str_at<'v>(v: &'v Value, key: &str) -> &'v str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

/// `ValidateVolumes`: the errors, and the names of the volumes without any (what mounts may
/// refer to).
pub fn validate_volumes(volumes: &[Value], path: &Path) -> (BTreeSet<String>, ErrorList) {
    let mut errs = Vec::new();
    let mut valid = BTreeSet::new();
    let mut all = BTreeSet::new();
    for (i, vol) in volumes.iter().enumerate() {
        let ip = path.index(i);
        let np = ip.child("name");
        let name = str_at(vol, "name");
        let mut el = validate_source(vol, &ip);
        if name.is_empty() {
            el.push(FieldError::required(&np, ""));
        } else {
            el.extend(
                is_dns1123_label(name)
                    .iter()
                    .map(|m| FieldError::invalid(&np, name, m)),
            );
        }
        if all.contains(name) {
            el.push(FieldError::duplicate(&np, name));
        }
        if el.is_empty() {
            all.insert(name.to_string());
            valid.insert(name.to_string());
        } else {
            errs.extend(el);
        }
    }
    (valid, errs)
}

/// `validateVolumeSource`.
fn validate_source(vol: &Value, path: &Path) -> ErrorList {
    let mut errs = Vec::new();
    let mut n = 0;
    for (key, reported) in SOURCES {
        let Some(src) = vol.get(*key).filter(|v| !v.is_null()) else {
            continue;
        };
        if n > 0 {
            errs.push(FieldError::forbidden(
                &path.child(reported),
                "may not specify more than 1 volume type",
            ));
            continue;
        }
        n += 1;
        let sp = path.child(key);
        match *key {
            "emptyDir" => {
                let negative = src
                    .get("sizeLimit")
                    .and_then(Value::as_str)
                    .and_then(|s| Quantity::parse(s).ok())
                    .is_some_and(|q| q.sign() < 0);
                if negative {
                    errs.push(FieldError::forbidden(
                        &sp.child("sizeLimit"),
                        "SizeLimit field must be a valid resource quantity",
                    ));
                }
            }
            "hostPath" => errs.extend(validate_host_path(src, &sp)),
            "secret" => errs.extend(validate_projection(src, "secretName", &sp)),
            "configMap" => errs.extend(validate_projection(src, "name", &sp)),
            "persistentVolumeClaim" if str_at(src, "claimName").is_empty() => {
                errs.push(FieldError::required(&sp.child("claimName"), ""));
            }
            "nfs" => {
                let p = str_at(src, "path");
                if str_at(src, "server").is_empty() {
                    errs.push(FieldError::required(&sp.child("server"), ""));
                }
                if p.is_empty() {
                    errs.push(FieldError::required(&sp.child("path"), ""));
                }
                if !p.starts_with('/') {
                    errs.push(FieldError::invalid(
                        &sp.child("path"),
                        p,
                        "must be an absolute path",
                    ));
                }
            }
            _ => {}
        }
    }
    if n == 0 {
        errs.push(FieldError::required(path, "must specify a volume type"));
    }
    errs
}

/// `validateHostPathVolumeSource`.
fn validate_host_path(src: &Value, path: &Path) -> ErrorList {
    let p = str_at(src, "path");
    if p.is_empty() {
        return vec![FieldError::required(&path.child("path"), "")];
    }
    let mut errs = validate_no_backsteps(p, &path.child("path"));
    if let Some(t) = src.get("type").and_then(Value::as_str) {
        const TYPES: &[&str] = &[
            "",
            "BlockDevice",
            "CharDevice",
            "Directory",
            "DirectoryOrCreate",
            "File",
            "FileOrCreate",
            "Socket",
        ];
        if !TYPES.contains(&t) {
            errs.push(FieldError::not_supported_ordered(
                &path.child("type"),
                t,
                TYPES,
            ));
        }
    }
    errs
}

/// `validateSecretVolumeSource` / `validateConfigMapVolumeSource`: the name (`name_key`),
/// `defaultMode` and `items`.
fn validate_projection(src: &Value, name_key: &str, path: &Path) -> ErrorList {
    let mut errs = Vec::new();
    if str_at(src, name_key).is_empty() {
        errs.push(FieldError::required(&path.child(name_key), ""));
    }
    errs.extend(validate_mode(
        src.get("defaultMode"),
        &path.child("defaultMode"),
    ));
    let items = src.get("items").and_then(Value::as_array);
    for (i, kp) in items.into_iter().flatten().enumerate() {
        let ip = path.child("items").index(i);
        if str_at(kp, "key").is_empty() {
            errs.push(FieldError::required(&ip.child("key"), ""));
        }
        let p = str_at(kp, "path");
        if p.is_empty() {
            errs.push(FieldError::required(&ip.child("path"), ""));
        }
        errs.extend(validate_local_non_reserved_path(p, &ip.child("path")));
        errs.extend(validate_mode(kp.get("mode"), &ip.child("mode")));
    }
    errs
}

/// A file mode: 0 to 0777.
fn validate_mode(mode: Option<&Value>, path: &Path) -> ErrorList {
    match mode.and_then(Value::as_i64) {
        Some(m) if !(0..=0o777).contains(&m) => vec![FieldError::invalid(path, m, FILE_MODE_MSG)],
        _ => Vec::new(),
    }
}

/// `validatePathNoBacksteps`.
fn validate_no_backsteps(p: &str, path: &Path) -> ErrorList {
    if p.split('/').any(|part| part == "..") {
        vec![FieldError::invalid(path, p, "must not contain '..'")]
    } else {
        Vec::new()
    }
}

/// `validateLocalDescendingPath`.
pub(super) fn validate_local_descending_path(p: &str, path: &Path) -> ErrorList {
    let mut errs = Vec::new();
    if p.starts_with('/') {
        errs.push(FieldError::invalid(path, p, "must be a relative path"));
    }
    errs.extend(validate_no_backsteps(p, path));
    errs
}

/// `ValidateLocalNonReservedPath`.
fn validate_local_non_reserved_path(p: &str, path: &Path) -> ErrorList {
    let mut errs = validate_local_descending_path(p, path);
    if p.starts_with("..") && !p.starts_with("../") {
        errs.push(FieldError::invalid(path, p, "must not start with '..'"));
    }
    errs
}

/// `ValidateVolumeMounts` of one container (`privileged`: its security context's).
pub fn validate_volume_mounts(
    mounts: &[Value],
    volumes: &BTreeSet<String>,
    privileged: bool,
    path: &Path,
) -> ErrorList {
    let mut errs = Vec::new();
    let mut mount_points = BTreeSet::new();
    for (i, m) in mounts.iter().enumerate() {
        let ip = path.index(i);
        let name = str_at(m, "name");
        let mount_path = str_at(m, "mountPath");
        if name.is_empty() {
            errs.push(FieldError::required(&ip.child("name"), ""));
        }
        if !volumes.contains(name) {
            errs.push(FieldError::not_found(&ip.child("name"), name));
        }
        if mount_path.is_empty() {
            errs.push(FieldError::required(&ip.child("mountPath"), ""));
        }
        if !mount_points.insert(mount_path) {
            errs.push(FieldError::invalid(
                &ip.child("mountPath"),
                mount_path,
                "must be unique",
            ));
        }
        // Upstream reports these at the list's path, not the item's.
        let sub = str_at(m, "subPath");
        if !sub.is_empty() {
            errs.extend(validate_local_descending_path(sub, &path.child("subPath")));
        }
        let expr = str_at(m, "subPathExpr");
        if !expr.is_empty() {
            if !sub.is_empty() {
                errs.push(FieldError::invalid(
                    &ip.child("subPathExpr"),
                    expr,
                    "subPathExpr and subPath are mutually exclusive",
                ));
            }
            errs.extend(validate_local_descending_path(
                expr,
                &path.child("subPathExpr"),
            ));
        }
        if let Some(mp) = m.get("mountPropagation").and_then(Value::as_str) {
            let pp = path.child("mountPropagation");
            const MODES: &[&str] = &["Bidirectional", "HostToContainer", "None"];
            if !MODES.contains(&mp) {
                errs.push(FieldError::not_supported_ordered(&pp, mp, MODES));
            }
            if mp == "Bidirectional" && !privileged {
                errs.push(FieldError::forbidden(
                    &pp,
                    "Bidirectional mount propagation is available only to privileged containers",
                ));
            }
        }
    }
    errs
}

#[cfg(test)]
mod tests {
    use super::*;

    // validation_test.go TestValidateVolumes "no volume type" (before defaulting).
    #[test]
    fn a_volume_needs_a_source() {
        let (ok, errs) =
            validate_volumes(&[serde_json::json!({"name": "abc"})], &Path::new("vols"));
        assert!(ok.is_empty());
        let msgs: Vec<String> = errs.iter().map(FieldError::message).collect();
        assert_eq!(
            msgs,
            ["vols[0]: Required value: must specify a volume type"]
        );
    }
}
