//! Security settings of a pod spec, read from the verbatim fields: `validatePodSpecSecurityContext`
//! (user and group ids, sysctls, seccomp and AppArmor profiles, Windows options, policies),
//! `ValidateSecurityContext` of containers, `validateWindowsHostProcessPod`, `validateHostUsers`
//! and `validateOS` with its Linux/Windows field checks (`pkg/apis/core/validation`, Kubernetes
//! 1.33, default feature gates). The apiserver is taken to run with `--allow-privileged=true`
//! (kubeadm's setting), so privileged containers are allowed.

use serde_json::Value;

use crate::field::{BadValue, ErrorList, FieldError, Path, go_quote};
use crate::types::{Container, PodSpec};

use super::container::{int_at, obj, str_at};
use super::names::{inclusive_range_error, is_dns1123_subdomain};
use super::scheduling::arr;
use super::volumes::validate_local_descending_path;

/// `IsValidUserID` / `IsValidGroupID` on the integer at `key`, if set.
fn id_range(v: &Value, key: &str, path: &Path, errs: &mut ErrorList) {
    if obj(v, key).is_some() {
        let id = int_at(v, key);
        if !(0..=i64::from(i32::MAX)).contains(&id) {
            errs.push(FieldError::invalid(
                &path.child(key),
                id,
                &inclusive_range_error(0, i32::MAX.into()),
            ));
        }
    }
}

/// A set optional enum at `key` must be one of `valid` (`field.NotSupported`, values as given).
fn one_of(v: &Value, key: &str, valid: &[&str], path: &Path, errs: &mut ErrorList) {
    if obj(v, key).is_some() && !valid.contains(&str_at(v, key)) {
        errs.push(FieldError::not_supported_ordered(
            &path.child(key),
            str_at(v, key),
            valid,
        ));
    }
}

/// The pod-level security fields as the internal `PodSecurityContext` holds them.
fn flag(spec: &PodSpec, key: &str) -> bool {
    spec.other.get(key).and_then(Value::as_bool) == Some(true)
}

/// `hostUsers` (default true).
pub(super) fn host_users(spec: &PodSpec) -> bool {
    spec.other.get("hostUsers").and_then(Value::as_bool) != Some(false)
}

const SYSCTL_REGEX: &str =
    r"^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$";

/// `IsValidSysctlName`.
fn is_valid_sysctl_name(name: &str) -> bool {
    name.len() <= 253
        && name.split(['.', '/']).all(|seg| {
            let b = seg.as_bytes();
            let ok = |c: &u8| c.is_ascii_lowercase() || c.is_ascii_digit();
            !b.is_empty()
                && ok(&b[0])
                && ok(&b[b.len() - 1])
                && b.iter().all(|c| ok(c) || *c == b'-' || *c == b'_')
        })
}

/// `utilsysctl.GetNamespace` for the net and IPC namespaces (a name whose first separator is
/// `/` is read with `.` and `/` swapped).
fn sysctl_namespace(name: &str) -> &'static str {
    let n: String = if name
        .find(['.', '/'])
        .is_some_and(|i| name.as_bytes()[i] == b'/')
    {
        name.chars()
            .map(|c| match c {
                '/' => '.',
                '.' => '/',
                c => c,
            })
            .collect()
    } else {
        name.to_string()
    };
    if n == "kernel.sem"
        || ["kernel.shm", "kernel.msg", "fs.mqueue."]
            .iter()
            .any(|p| n.starts_with(p))
    {
        "ipc"
    } else if n.starts_with("net.") {
        "net"
    } else {
        ""
    }
}

/// `validatePodSpecSecurityContext` (the `shareProcessNamespace`/`hostPID` rule included).
pub fn validate_pod_security_context(spec: &PodSpec, path: &Path) -> ErrorList {
    let mut errs = Vec::new();
    let null = Value::Null;
    let sc = spec.other.get("securityContext").unwrap_or(&null);
    for key in ["fsGroup", "runAsUser", "runAsGroup"] {
        id_range(sc, key, path, &mut errs);
    }
    for (g, gid) in arr(sc, "supplementalGroups").iter().enumerate() {
        let gid = gid.as_i64().unwrap_or(0);
        if !(0..=i64::from(i32::MAX)).contains(&gid) {
            errs.push(FieldError::invalid(
                &path.child("supplementalGroups").index(g),
                gid,
                &inclusive_range_error(0, i32::MAX.into()),
            ));
        }
    }
    if flag(spec, "shareProcessNamespace") && flag(spec, "hostPID") {
        errs.push(FieldError::invalid(
            &path.child("shareProcessNamespace"),
            true,
            "ShareProcessNamespace and HostPID cannot both be enabled",
        ));
    }
    // validateSysctls (AllowNamespacedSysctlsForHostNetAndHostIPC is false on create).
    let mut names = Vec::new();
    for (i, s) in arr(sc, "sysctls").iter().enumerate() {
        let name = str_at(s, "name");
        let np = path.child("sysctls").index(i).child("name");
        if name.is_empty() {
            errs.push(FieldError::required(&np, ""));
        } else if !is_valid_sysctl_name(name) {
            errs.push(FieldError::invalid(
                &np,
                name,
                &format!("must have at most 253 characters and match regex {SYSCTL_REGEX}"),
            ));
        } else if names.contains(&name) {
            errs.push(FieldError::duplicate(&np, name));
        }
        match sysctl_namespace(name) {
            "net" if spec.host_network => errs.push(FieldError::invalid(
                &np,
                name,
                "may not be specified when 'hostNetwork' is true",
            )),
            "ipc" if flag(spec, "hostIPC") => errs.push(FieldError::invalid(
                &np,
                name,
                "may not be specified when 'hostIPC' is true",
            )),
            _ => {}
        }
        names.push(name);
    }
    one_of(
        sc,
        "fsGroupChangePolicy",
        &["Always", "OnRootMismatch"],
        path,
        &mut errs,
    );
    errs.extend(seccomp(sc, path));
    errs.extend(windows_and_apparmor(sc, path));
    one_of(
        sc,
        "supplementalGroupsPolicy",
        &["Merge", "Strict"],
        path,
        &mut errs,
    );
    one_of(
        sc,
        "seLinuxChangePolicy",
        &["MountOption", "Recursive"],
        path,
        &mut errs,
    );
    errs
}

/// `validateSeccompProfileField`.
fn seccomp(sc: &Value, path: &Path) -> ErrorList {
    let mut errs = Vec::new();
    if let Some(sp) = obj(sc, "seccompProfile") {
        let p = path.child("seccompProfile");
        let ty = str_at(sp, "type");
        match ty {
            "Localhost" | "RuntimeDefault" | "Unconfined" => {}
            "" => errs.push(FieldError::required(
                &p.child("type"),
                "type is required when seccompProfile is set",
            )),
            other => errs.push(FieldError::not_supported_ordered(
                &p.child("type"),
                other,
                &["Localhost", "RuntimeDefault", "Unconfined"],
            )),
        }
        let lp = p.child("localhostProfile");
        match (ty, obj(sp, "localhostProfile")) {
            ("Localhost", None) => errs.push(FieldError::required(
                &lp,
                "must be set when seccomp type is Localhost",
            )),
            ("Localhost", Some(_)) => errs.extend(validate_local_descending_path(
                str_at(sp, "localhostProfile"),
                &lp,
            )),
            (_, Some(_)) => errs.push(FieldError::invalid(
                &lp,
                BadValue::GoSyntax(format!(
                    "core.SeccompProfile{{Type:{}, LocalhostProfile:(*string)(0x0)}}",
                    go_quote(ty)
                )),
                "can only be set when seccomp type is Localhost",
            )),
            _ => {}
        }
    }
    errs
}

/// `validateWindowsSecurityContextOptions`, then `ValidateAppArmorProfileField`.
fn windows_and_apparmor(sc: &Value, path: &Path) -> ErrorList {
    let mut errs = Vec::new();
    if let Some(w) = obj(sc, "windowsOptions") {
        errs.extend(windows_options(w, &path.child("windowsOptions")));
    }
    if let Some(ap) = obj(sc, "appArmorProfile") {
        let p = path.child("appArmorProfile");
        let lp = p.child("localhostProfile");
        let local = obj(ap, "localhostProfile").map(|_| str_at(ap, "localhostProfile"));
        let must = "must be set when AppArmor type is Localhost";
        match (str_at(ap, "type"), local) {
            ("Localhost", None) => errs.push(FieldError::required(&lp, must)),
            ("Localhost", Some(l)) => {
                if l.trim() != l {
                    errs.push(FieldError::invalid(
                        &lp,
                        l,
                        "must not be padded with whitespace",
                    ));
                } else if l.is_empty() {
                    errs.push(FieldError::required(&lp, must));
                }
                if l.len() > 4095 {
                    errs.push(FieldError::too_long(&lp, 4095));
                }
            }
            ("RuntimeDefault" | "Unconfined", Some(l)) => errs.push(FieldError::invalid(
                &lp,
                l,
                "can only be set when AppArmor type is Localhost",
            )),
            ("RuntimeDefault" | "Unconfined", None) => {}
            ("", _) => errs.push(FieldError::required(
                &p.child("type"),
                "type is required when appArmorProfile is set",
            )),
            (other, _) => errs.push(FieldError::not_supported_ordered(
                &p.child("type"),
                other,
                &["Localhost", "RuntimeDefault", "Unconfined"],
            )),
        }
    }
    errs
}

/// `validateWindowsSecurityContextOptions` (`hostProcess` is checked pod-wide).
fn windows_options(w: &Value, path: &Path) -> ErrorList {
    let mut errs = Vec::new();
    if obj(w, "gmsaCredentialSpecName").is_some() {
        let n = str_at(w, "gmsaCredentialSpecName");
        for msg in is_dns1123_subdomain(n) {
            errs.push(FieldError::invalid(
                &path.child("gmsaCredentialSpecName"),
                n,
                &msg,
            ));
        }
    }
    if obj(w, "gmsaCredentialSpec").is_some() {
        let s = str_at(w, "gmsaCredentialSpec");
        let msg = if s.is_empty() {
            "gmsaCredentialSpec cannot be an empty string"
        } else if s.len() > 64 * 1024 {
            "gmsaCredentialSpec size must be under 64 KiB"
        } else {
            ""
        };
        if !msg.is_empty() {
            errs.push(FieldError::invalid(
                &path.child("gmsaCredentialSpec"),
                s,
                msg,
            ));
        }
    }
    if obj(w, "runAsUserName").is_some() {
        let n = str_at(w, "runAsUserName");
        let p = path.child("runAsUserName");
        let parts: Vec<&str> = n.split('\\').collect();
        let mut bad = |m: &str| errs.push(FieldError::invalid(&p, n, m));
        if n.is_empty() {
            bad("runAsUserName cannot be an empty string");
        } else if n.chars().any(|c| c.is_ascii_control()) {
            bad("runAsUserName cannot contain control characters");
        } else if parts.len() > 2 {
            bad("runAsUserName cannot contain more than one backslash");
        } else {
            let (domain, user) = match parts.as_slice() {
                [d, u] => (Some(*d), *u),
                _ => (None, n),
            };
            let d = domain.unwrap_or("");
            if d.len() >= 256 {
                bad("runAsUserName's Domain length must be under 256 characters");
            }
            if domain.is_some() && !(netbios(d) || windows_dns(d)) {
                bad("runAsUserName's Domain doesn't match the NetBios nor the DNS format");
            }
            if user.is_empty() {
                bad("runAsUserName's User cannot be empty");
            } else if user.len() > 104 {
                bad("runAsUserName's User length must not be longer than 104 characters");
            }
            if !user.is_empty() && user.chars().all(|c| c == '.' || c == ' ') {
                bad("runAsUserName's User cannot contain only periods or spaces");
            }
            if user.chars().any(|c| "\"/\\:;|=,+*?<>@[]".contains(c)) {
                bad(
                    "runAsUserName's User cannot contain the following characters: \"/\\:;|=,+*?<>@[]",
                );
            }
        }
    }
    errs
}

/// `validNetBiosRegex`: 1 to 15 characters, none of `\/:*?"<>|`, not starting with `.`.
fn netbios(d: &str) -> bool {
    let n = d.chars().count();
    (1..=15).contains(&n) && !d.starts_with('.') && !d.chars().any(|c| "\\/:*?\"<>|".contains(c))
}

/// `validWindowsUserDomainDNSRegex`: dot-separated labels of letters, digits and inner `-`.
fn windows_dns(d: &str) -> bool {
    d.split('.').all(|l| {
        let b = l.as_bytes();
        (1..=63).contains(&b.len())
            && b[0].is_ascii_alphanumeric()
            && b[b.len() - 1].is_ascii_alphanumeric()
            && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
    })
}

/// `%#v` of an internal `core.SecurityContext` (set pointers print as `0x0`).
fn go_security_context(sc: &Value) -> BadValue {
    const FIELDS: [(&str, &str, &str); 12] = [
        ("Capabilities", "capabilities", "core.Capabilities"),
        ("Privileged", "privileged", "bool"),
        ("SELinuxOptions", "seLinuxOptions", "core.SELinuxOptions"),
        (
            "WindowsOptions",
            "windowsOptions",
            "core.WindowsSecurityContextOptions",
        ),
        ("RunAsUser", "runAsUser", "int64"),
        ("RunAsGroup", "runAsGroup", "int64"),
        ("RunAsNonRoot", "runAsNonRoot", "bool"),
        ("ReadOnlyRootFilesystem", "readOnlyRootFilesystem", "bool"),
        (
            "AllowPrivilegeEscalation",
            "allowPrivilegeEscalation",
            "bool",
        ),
        ("ProcMount", "procMount", "core.ProcMountType"),
        ("SeccompProfile", "seccompProfile", "core.SeccompProfile"),
        ("AppArmorProfile", "appArmorProfile", "core.AppArmorProfile"),
    ];
    let fields: Vec<String> = FIELDS
        .iter()
        .map(|(g, k, t)| {
            let ptr = if obj(sc, k).is_some() { "0x0" } else { "nil" };
            format!("{g}:(*{t})({ptr})")
        })
        .collect();
    BadValue::GoSyntax(format!("core.SecurityContext{{{}}}", fields.join(", ")))
}

/// `ValidateSecurityContext` of one container (`sc` is its `securityContext`, if set).
pub fn validate_security_context(sc: Option<&Value>, host_users: bool, path: &Path) -> ErrorList {
    let Some(sc) = sc.filter(|v| !v.is_null()) else {
        return Vec::new();
    };
    let mut errs = Vec::new();
    id_range(sc, "runAsUser", path, &mut errs);
    id_range(sc, "runAsGroup", path, &mut errs);
    if obj(sc, "procMount").is_some() {
        let pm = str_at(sc, "procMount");
        one_of(sc, "procMount", &["Default", "Unmasked"], path, &mut errs);
        if host_users && pm == "Unmasked" {
            errs.push(FieldError::invalid(
                &path.child("procMount"),
                pm,
                "`hostUsers` must be false to use `Unmasked`",
            ));
        }
    }
    errs.extend(seccomp(sc, path));
    if sc.get("allowPrivilegeEscalation").and_then(Value::as_bool) == Some(false) {
        if sc.get("privileged").and_then(Value::as_bool) == Some(true) {
            errs.push(FieldError::invalid(
                path,
                go_security_context(sc),
                "cannot set `allowPrivilegeEscalation` to false and `privileged` to true",
            ));
        }
        let adds = obj(sc, "capabilities").map_or(&[][..], |c| arr(c, "add"));
        for cap in adds {
            if cap.as_str() == Some("CAP_SYS_ADMIN") {
                errs.push(FieldError::invalid(
                    path,
                    go_security_context(sc),
                    "cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN",
                ));
            }
        }
    }
    errs.extend(windows_and_apparmor(sc, path));
    errs
}

/// Every container with its path, as `VisitContainersWithPath` walks them (init containers
/// first).
fn containers<'s>(spec: &'s PodSpec, path: &Path) -> Vec<(&'s Container, Path)> {
    let list = |cs: &'s [Container], name: &str| -> Vec<(&'s Container, Path)> {
        cs.iter()
            .enumerate()
            .map(|(i, c)| (c, path.child(name).index(i)))
            .collect()
    };
    let mut all = list(&spec.init_containers, "initContainers");
    all.extend(list(&spec.containers, "containers"));
    all
}

fn host_process(sc: Option<&Value>) -> Option<bool> {
    sc.and_then(|s| s.get("windowsOptions"))
        .and_then(|w| w.get("hostProcess"))
        .and_then(Value::as_bool)
}

/// `validateWindowsHostProcessPod` then `validateHostUsers`.
pub fn validate_host_process_and_users(spec: &PodSpec, path: &Path) -> ErrorList {
    let mut errs = Vec::new();
    let pod_hp = host_process(spec.other.get("securityContext"));
    let all = containers(spec, path);
    let mut hp_count = 0;
    for (c, cp) in &all {
        let c_hp = host_process(c.other.get("securityContext"));
        if let (Some(p), Some(h)) = (pod_hp, c_hp)
            && p != h
        {
            errs.push(FieldError::invalid(
                &cp.child("securityContext")
                    .child("windowsOptions")
                    .child("hostProcess"),
                h,
                &format!("pod hostProcess value must be identical if both are specified, was {p}"),
            ));
        }
        if c_hp.or(pod_hp) == Some(true) {
            hp_count += 1;
        }
    }
    if hp_count > 0 {
        if hp_count != all.len() {
            errs.push(FieldError::invalid(
                path,
                "",
                "If pod contains any hostProcess containers then all containers must be HostProcess containers",
            ));
        }
        if !spec.host_network {
            errs.push(FieldError::invalid(
                &path.child("hostNetwork"),
                false,
                "hostNetwork must be true if pod contains any hostProcess containers",
            ));
        }
    }
    if !host_users(spec) {
        // Upstream's paths: `hostNetwork`, then `HostPID` and `HostIPC` as written.
        for (set, field) in [
            (spec.host_network, "hostNetwork"),
            (flag(spec, "hostPID"), "HostPID"),
            (flag(spec, "hostIPC"), "HostIPC"),
        ] {
            if set {
                errs.push(FieldError::forbidden(
                    &path.child(field),
                    "when `pod.Spec.HostUsers` is false",
                ));
            }
        }
    }
    errs
}

/// `validateOS`, then `validateLinux` or `validateWindows` when the name is valid.
pub fn validate_os(spec: &PodSpec, path: &Path) -> ErrorList {
    let Some(os) = spec.other.get("os").filter(|v| !v.is_null()) else {
        return Vec::new();
    };
    let name = str_at(os, "name");
    let p = path.child("os");
    if name.is_empty() {
        return vec![FieldError::required(&p.child("name"), "cannot be empty")];
    }
    let null = Value::Null;
    let sc = spec.other.get("securityContext").unwrap_or(&null);
    let all = containers(spec, path);
    let mut errs = Vec::new();
    let mut forbid = |set: bool, p: Path, msg: &str| {
        if set {
            errs.push(FieldError::forbidden(&p, msg));
        }
    };
    match name {
        "linux" => {
            let msg = "windows options cannot be set for a linux pod";
            let scp = path.child("securityContext");
            forbid(
                obj(sc, "windowsOptions").is_some(),
                scp.child("windowsOptions"),
                msg,
            );
            for (c, cp) in &all {
                let csc = c.other.get("securityContext").unwrap_or(&null);
                let wp = cp.child("securityContext").child("windowsOptions");
                forbid(obj(csc, "windowsOptions").is_some(), wp, msg);
            }
        }
        "windows" => {
            let msg = "cannot be set for a windows pod";
            let scp = path.child("securityContext");
            for (key, at_spec) in [
                ("appArmorProfile", false),
                ("seLinuxOptions", false),
                ("hostUsers", true),
                ("hostPID", true),
                ("hostIPC", true),
                ("seccompProfile", false),
                ("fsGroup", false),
                ("fsGroupChangePolicy", false),
                ("sysctls", false),
                ("shareProcessNamespace", true),
                ("runAsUser", false),
                ("runAsGroup", false),
                ("supplementalGroups", false),
                ("supplementalGroupsPolicy", false),
                ("seLinuxChangePolicy", false),
            ] {
                let set = match key {
                    "hostPID" | "hostIPC" => flag(spec, key),
                    "sysctls" => !arr(sc, key).is_empty(),
                    _ if at_spec => spec.other.get(key).is_some_and(|v| !v.is_null()),
                    _ => obj(sc, key).is_some(),
                };
                let at = if at_spec {
                    path.child(key)
                } else {
                    scp.child(key)
                };
                forbid(set, at, msg);
            }
            for (c, cp) in &all {
                let csc = c.other.get("securityContext").unwrap_or(&null);
                let scp = cp.child("securityContext");
                for key in [
                    "appArmorProfile",
                    "seLinuxOptions",
                    "seccompProfile",
                    "capabilities",
                    "readOnlyRootFilesystem",
                    "privileged",
                    "allowPrivilegeEscalation",
                    "procMount",
                    "runAsUser",
                    "runAsGroup",
                ] {
                    forbid(obj(csc, key).is_some(), scp.child(key), msg);
                }
            }
        }
        other => errs.push(FieldError::not_supported(&p, other, &["linux", "windows"])),
    }
    errs
}
