//! `kubectl get` tables and `kubectl describe service`, formatted as kubectl formats them
//! (`pkg/printers/internalversion/printers.go`, `k8s.io/kubectl/pkg/describe`). The row
//! functions return upstream's cells in upstream's order, without `AGE`: the page's tables leave
//! ages out (the simulated clock is not the reader's). `RESTARTS` still says how long ago the
//! last restart was, measured on the simulated clock.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use svcplay_model::types::{
    DaemonSet, Deployment, EndpointSlice, Endpoints, IntOrString, LabelSelector, NetworkPolicy,
    Node, Pod, ReplicaSet, Service, StatefulSet, StringMap,
};
use svcplay_sim::Cluster;
use svcplay_sim::controllers::LABEL_SERVICE_NAME;

/// A table as `kubectl get` prints it (TypeScript `Table`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    /// Column headers, e.g. `CLUSTER-IP`.
    pub headers: Vec<String>,
    /// One row per object; each row has one cell per header.
    pub rows: Vec<Vec<String>>,
}

/// The tables of the Inspect tabs (TypeScript `Tables`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Tables {
    /// `kubectl get services -A`, with the wide `SELECTOR` column.
    pub services: Table,
    /// `kubectl get pods -A -o wide`.
    pub pods: Table,
    /// `kubectl get endpoints -A`.
    pub endpoints: Table,
    /// `kubectl get endpointslices -A`.
    pub endpoint_slices: Table,
    /// `kubectl get deployments -A`.
    pub deployments: Table,
    /// `kubectl get statefulsets -A`.
    pub stateful_sets: Table,
    /// `kubectl get daemonsets -A`.
    pub daemon_sets: Table,
    /// `kubectl get nodes -o wide` (without versions and OS columns).
    pub nodes: Table,
    /// `kubectl get networkpolicies -A`.
    pub network_policies: Table,
}

fn headers(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| (*s).to_string()).collect()
}

fn ns_of(ns: &str) -> String {
    if ns.is_empty() { "default" } else { ns }.to_string()
}

fn or_none(s: &str) -> String {
    if s.is_empty() {
        "<none>".into()
    } else {
        s.to_string()
    }
}

/// `labels.FormatLabels`: `k=v` pairs sorted by key, joined with `,`; `<none>` when empty.
fn format_labels(m: Option<&StringMap>) -> String {
    match m {
        Some(m) if !m.is_empty() => m
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(","),
        _ => "<none>".into(),
    }
}

/// Joins at most `max` items with `,`, then `+ N more...` (N counted over every item), `<unset>`
/// for none (`listWithMoreString`).
fn list_with_more(items: &[String], max: usize) -> String {
    let shown = items[..items.len().min(max)].join(",");
    if items.len() > max {
        format!("{shown} + {} more...", items.len() - max)
    } else if shown.is_empty() {
        "<unset>".into()
    } else {
        shown
    }
}

// ---------------------------------------------------------------------------------------------
// Time

/// `duration.HumanDuration` (k8s.io/apimachinery/pkg/util/duration) of a whole number of
/// seconds: `<invalid>` below -1s, `0s` for -1s, then `59s`, `2m3s`, `10m`, `3h5m`, `10h`,
/// `3d4h`, `30d`, `2y30d`, `10y`.
pub fn human_duration(seconds: i64) -> String {
    if seconds < -1 {
        return "<invalid>".into();
    }
    if seconds < 0 {
        return "0s".into();
    }
    if seconds < 60 * 2 {
        return format!("{seconds}s");
    }
    let minutes = seconds / 60;
    if minutes < 10 {
        let s = seconds % 60;
        return if s == 0 {
            format!("{minutes}m")
        } else {
            format!("{minutes}m{s}s")
        };
    }
    if minutes < 60 * 3 {
        return format!("{minutes}m");
    }
    let hours = seconds / 3600;
    if hours < 8 {
        let m = minutes % 60;
        return if m == 0 {
            format!("{hours}h")
        } else {
            format!("{hours}h{m}m")
        };
    }
    if hours < 48 {
        return format!("{hours}h");
    }
    if hours < 24 * 8 {
        let h = hours % 24;
        return if h == 0 {
            format!("{}d", hours / 24)
        } else {
            format!("{}d{h}h", hours / 24)
        };
    }
    if hours < 24 * 365 * 2 {
        return format!("{}d", hours / 24);
    }
    if hours < 24 * 365 * 8 {
        let dy = (hours / 24) % 365;
        return if dy == 0 {
            format!("{}y", hours / 24 / 365)
        } else {
            format!("{}y{dy}d", hours / 24 / 365)
        };
    }
    format!("{}y", hours / 24 / 365)
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Seconds since the Unix epoch of an RFC 3339 time (`2026-01-01T00:00:00Z`, optional
/// fraction, `Z` or `±hh:mm`); `None` when it does not parse.
pub fn parse_rfc3339(t: &str) -> Option<i64> {
    let b = t.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let s = t.get(r)?;
        if s.bytes().all(|c| c.is_ascii_digit()) {
            s.parse().ok()
        } else {
            None
        }
    };
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, s) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || s > 60 {
        return None;
    }
    let mut rest = &t[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return None;
        }
        rest = &frac[n..];
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ if rest.len() == 6 && matches!(rest.as_bytes()[0], b'+' | b'-') => {
            let sign = if rest.starts_with('-') { -1 } else { 1 };
            let oh: i64 = rest.get(1..3)?.parse().ok()?;
            let om: i64 = rest.get(4..6)?.parse().ok()?;
            sign * (oh * 3600 + om * 60)
        }
        _ => return None,
    };
    Some(days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + s - offset)
}

/// `translateTimestampSince`: `<unknown>` for an unset time, else how long before `now`.
pub fn translate_timestamp_since(t: Option<&str>, now: i64) -> String {
    match t.and_then(parse_rfc3339) {
        Some(t) => human_duration(now - t),
        None => "<unknown>".into(),
    }
}

/// The simulated clock's current time, in seconds since the Unix epoch.
fn cluster_now(cluster: &Cluster) -> i64 {
    parse_rfc3339(&cluster.clock.rfc3339()).unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// Services

/// `loadBalancerStatusStringer`: each ingress point's IP (else hostname), de-duplicated and
/// sorted, joined with `,`; clipped to 13 bytes and `...` past 16 unless `wide`.
fn load_balancer_status(s: &Service, wide: bool) -> String {
    let set =
        svcplay_model::slice::collect_set(s.status.load_balancer.ingress.iter().filter_map(|i| {
            if !i.ip.is_empty() {
                Some(i.ip.as_str())
            } else if !i.hostname.is_empty() {
                Some(i.hostname.as_str())
            } else {
                None
            }
        }));
    let mut r = set.into_iter().collect::<Vec<_>>().join(",");
    if !wide && r.len() > 16 {
        let mut cut = 13;
        while !r.is_char_boundary(cut) {
            cut -= 1;
        }
        r.truncate(cut);
        r.push_str("...");
    }
    r
}

fn external_ip_of(s: &Service, wide: bool) -> String {
    let spec = &s.spec;
    match spec.type_.as_str() {
        "ClusterIP" | "NodePort" => {
            if spec.external_ips.is_empty() {
                "<none>".into()
            } else {
                spec.external_ips.join(",")
            }
        }
        "LoadBalancer" => {
            let lb = load_balancer_status(s, wide);
            if !spec.external_ips.is_empty() {
                let mut all: Vec<&str> = Vec::new();
                if !lb.is_empty() {
                    all.extend(lb.split(','));
                }
                all.extend(spec.external_ips.iter().map(String::as_str));
                return all.join(",");
            }
            if lb.is_empty() {
                "<pending>".into()
            } else {
                lb
            }
        }
        "ExternalName" => spec.external_name.clone(),
        _ => "<unknown>".into(),
    }
}

/// The `EXTERNAL-IP` column (`getServiceExternalIP`, not wide).
pub fn external_ip(s: &Service) -> String {
    external_ip_of(s, false)
}

/// The `PORT(S)` column (`makePortString`): `80:30008/TCP,443/TCP`, `<none>` without ports.
/// The protocol is printed as stored.
pub fn service_ports(s: &Service) -> String {
    if s.spec.ports.is_empty() {
        return "<none>".into();
    }
    s.spec
        .ports
        .iter()
        .map(|p| {
            if p.node_port > 0 {
                format!("{}:{}/{}", p.port, p.node_port, p.protocol)
            } else {
                format!("{}/{}", p.port, p.protocol)
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// The `CLUSTER-IP` column: the first of `clusterIPs` (`clusterIP` when the list is empty),
/// `<none>` without either.
fn cluster_ip(s: &Service) -> String {
    or_none(s.spec.cluster_ips.first().unwrap_or(&s.spec.cluster_ip))
}

/// A row of `kubectl get services` (`printService`): `NAME`, `TYPE`, `CLUSTER-IP`,
/// `EXTERNAL-IP`, `PORT(S)`, and with `wide` `SELECTOR` (no `AGE`).
pub fn service_row(s: &Service, wide: bool) -> Vec<String> {
    let mut row = vec![
        s.metadata.name.clone(),
        s.spec.type_.clone(),
        cluster_ip(s),
        external_ip_of(s, wide),
        service_ports(s),
    ];
    if wide {
        row.push(format_labels(s.spec.selector.as_ref()));
    }
    row
}

// ---------------------------------------------------------------------------------------------
// Pods

fn str_at<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or_default()
}

fn int_at(v: &Value, key: &str) -> i64 {
    v.get(key).and_then(Value::as_i64).unwrap_or_default()
}

/// One `containerStatuses`/`initContainerStatuses` entry, read leniently.
struct ContainerStatus<'a>(&'a Value);

impl ContainerStatus<'_> {
    fn name(&self) -> &str {
        str_at(self.0, "name")
    }
    fn ready(&self) -> bool {
        self.0.get("ready").and_then(Value::as_bool) == Some(true)
    }
    fn started(&self) -> bool {
        self.0.get("started").and_then(Value::as_bool) == Some(true)
    }
    fn restarts(&self) -> i64 {
        int_at(self.0, "restartCount")
    }
    fn state(&self, which: &str) -> Option<&Value> {
        self.0
            .get("state")
            .and_then(|s| s.get(which))
            .filter(|v| v.is_object())
    }
    /// `lastState.terminated.finishedAt`, in Unix seconds.
    fn last_finished(&self) -> Option<i64> {
        self.0
            .get("lastState")
            .and_then(|s| s.get("terminated"))
            .filter(|v| v.is_object())
            .map(|t| parse_rfc3339(str_at(t, "finishedAt")))?
    }
}

fn statuses<'a>(pod: &'a Pod, key: &str) -> Vec<ContainerStatus<'a>> {
    pod.status
        .other
        .get(key)
        .and_then(Value::as_array)
        .map(|l| l.iter().map(ContainerStatus).collect())
        .unwrap_or_default()
}

fn condition_is(pod: &Pod, type_: &str, status: &str) -> bool {
    pod.status
        .conditions
        .iter()
        .any(|c| c.type_ == type_ && c.status == status)
}

/// The later of two optional times (`Time.Before` with the zero time as `None`).
fn later(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// `READY`, `STATUS` and `RESTARTS` of a pod, as `printPod` works them out; `now` (Unix
/// seconds) dates the last restart.
fn pod_ready_status_restarts(pod: &Pod, now: i64) -> (String, String, String) {
    let is_sidecar = |name: &str| {
        pod.spec
            .init_containers
            .iter()
            .find(|c| c.name == name)
            .is_some_and(|c| c.restart_policy.as_deref() == Some("Always"))
    };
    let total = pod.spec.containers.len()
        + pod
            .spec
            .init_containers
            .iter()
            .filter(|c| c.restart_policy.as_deref() == Some("Always"))
            .count();
    let mut ready = 0usize;
    let mut restarts = 0i64;
    let mut sidecar_restarts = 0i64;
    let mut last_restart: Option<i64> = None;
    let mut last_sidecar_restart: Option<i64> = None;

    let mut reason = pod.status.phase.clone();
    let status_reason = pod
        .status
        .other
        .get("reason")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if !status_reason.is_empty() {
        reason = status_reason.to_string();
    }
    if pod
        .status
        .conditions
        .iter()
        .any(|c| c.type_ == "PodScheduled" && c.reason == "SchedulingGated")
    {
        reason = "SchedulingGated".into();
    }

    let init_count = pod.spec.init_containers.len();
    let mut initializing = false;
    for (i, c) in statuses(pod, "initContainerStatuses").iter().enumerate() {
        restarts += c.restarts();
        last_restart = later(last_restart, c.last_finished());
        let sidecar = is_sidecar(c.name());
        if sidecar {
            sidecar_restarts += c.restarts();
            last_sidecar_restart = later(last_sidecar_restart, c.last_finished());
        }
        let terminated = c.state("terminated");
        let waiting_reason = c.state("waiting").map(|w| str_at(w, "reason"));
        if terminated.is_some_and(|t| int_at(t, "exitCode") == 0) {
            continue;
        }
        if sidecar && c.started() {
            if c.ready() {
                ready += 1;
            }
            continue;
        }
        if let Some(t) = terminated {
            let r = str_at(t, "reason");
            reason = if !r.is_empty() {
                format!("Init:{r}")
            } else if int_at(t, "signal") != 0 {
                format!("Init:Signal:{}", int_at(t, "signal"))
            } else {
                format!("Init:ExitCode:{}", int_at(t, "exitCode"))
            };
        } else if let Some(r) = waiting_reason.filter(|r| !r.is_empty() && *r != "PodInitializing")
        {
            reason = format!("Init:{r}");
        } else {
            reason = format!("Init:{i}/{init_count}");
        }
        initializing = true;
        break;
    }

    if !initializing || condition_is(pod, "Initialized", "True") {
        restarts = sidecar_restarts;
        last_restart = last_sidecar_restart;
        let mut has_running = false;
        for c in statuses(pod, "containerStatuses").iter().rev() {
            restarts += c.restarts();
            last_restart = later(last_restart, c.last_finished());
            let waiting = c.state("waiting").map(|w| str_at(w, "reason"));
            let terminated = c.state("terminated");
            if let Some(r) = waiting.filter(|r| !r.is_empty()) {
                reason = r.to_string();
            } else if let Some(t) = terminated {
                let r = str_at(t, "reason");
                reason = if !r.is_empty() {
                    r.to_string()
                } else if int_at(t, "signal") != 0 {
                    format!("Signal:{}", int_at(t, "signal"))
                } else {
                    format!("ExitCode:{}", int_at(t, "exitCode"))
                };
            } else if c.ready() && c.state("running").is_some() {
                has_running = true;
                ready += 1;
            }
        }
        if reason == "Completed" && has_running {
            reason = if condition_is(pod, "Ready", "True") {
                "Running".into()
            } else {
                "NotReady".into()
            };
        }
    }

    let terminal = matches!(pod.status.phase.as_str(), "Succeeded" | "Failed");
    if pod.metadata.deletion_timestamp.is_some() && status_reason == "NodeLost" {
        reason = "Unknown".into();
    } else if pod.metadata.deletion_timestamp.is_some() && !terminal {
        reason = "Terminating".into();
    }

    let restarts_text = match last_restart {
        Some(t) if restarts != 0 => format!("{restarts} ({} ago)", human_duration(now - t)),
        _ => restarts.to_string(),
    };
    (format!("{ready}/{total}"), reason, restarts_text)
}

/// The `STATUS` column of a pod (`printPod`'s reason): the phase, or the pod's `reason`, an
/// init container's state (`Init:0/1`, `Init:CrashLoopBackOff`), a container's waiting or
/// terminated reason (`ContainerCreating`, `Completed`, `ExitCode:1`), `NotReady`,
/// `SchedulingGated`, `Terminating` or `Unknown`.
pub fn pod_status(pod: &Pod) -> String {
    pod_ready_status_restarts(pod, 0).1
}

/// The pod's first IP (`podIPs[0]`, else `podIP`).
fn pod_ip(pod: &Pod) -> &str {
    pod.status
        .pod_ips
        .first()
        .map_or(pod.status.pod_ip.as_str(), |p| p.ip.as_str())
}

/// `READINESS GATES`: `<none>`, else how many of the gates' conditions are `True`, `n/m`.
fn readiness_gates(pod: &Pod) -> String {
    let gates: Vec<&str> = pod
        .spec
        .other
        .get("readinessGates")
        .and_then(Value::as_array)
        .map(|l| l.iter().map(|g| str_at(g, "conditionType")).collect())
        .unwrap_or_default();
    if gates.is_empty() {
        return "<none>".into();
    }
    let true_count = gates
        .iter()
        .filter(|g| {
            pod.status
                .conditions
                .iter()
                .find(|c| c.type_ == **g)
                .is_some_and(|c| c.status == "True")
        })
        .count();
    format!("{true_count}/{}", gates.len())
}

/// A row of `kubectl get pods` (`printPod`): `NAME`, `READY`, `STATUS`, `RESTARTS`, and with
/// `wide` `IP`, `NODE`, `NOMINATED NODE`, `READINESS GATES` (no `AGE`). `now` is the current
/// time in Unix seconds, for `RESTARTS`' `(5m ago)`.
pub fn pod_row(pod: &Pod, wide: bool, now: i64) -> Vec<String> {
    let (ready, status, restarts) = pod_ready_status_restarts(pod, now);
    let mut row = vec![pod.metadata.name.clone(), ready, status, restarts];
    if wide {
        let nominated = pod
            .status
            .other
            .get("nominatedNodeName")
            .and_then(Value::as_str)
            .unwrap_or_default();
        row.extend([
            or_none(pod_ip(pod)),
            or_none(&pod.spec.node_name),
            or_none(nominated),
            readiness_gates(pod),
        ]);
    }
    row
}

// ---------------------------------------------------------------------------------------------
// EndpointSlices, Deployments, ReplicaSets, Nodes

/// A row of `kubectl get endpointslices` (`printEndpointSlice`): `NAME`, `ADDRESSTYPE`,
/// `PORTS` (numbers, else names, else `*`; three then `+ N more...`; `<unset>`), `ENDPOINTS`
/// (addresses likewise).
pub fn endpoint_slice_row(slice: &EndpointSlice) -> Vec<String> {
    let ports: Vec<String> = slice
        .ports
        .iter()
        .map(|p| match (p.port, &p.name) {
            (Some(n), _) => n.to_string(),
            (None, Some(name)) => name.clone(),
            (None, None) => "*".into(),
        })
        .collect();
    let addresses: Vec<String> = slice
        .endpoints
        .iter()
        .flat_map(|e| e.addresses.iter().cloned())
        .collect();
    vec![
        slice.metadata.name.clone(),
        slice.address_type.clone(),
        list_with_more(&ports, 3),
        list_with_more(&addresses, 3),
    ]
}

/// `formatEndpoints` with every port: `ip:port` (IPv6 in brackets) for each ready address of
/// each port of each subset (bare IPs for a subset without ports), three at most, then
/// `+ N more...` (N over every such pair); `<none>` without subsets, and empty when no address is
/// ready.
pub fn format_endpoints(ep: &Endpoints) -> String {
    if ep.subsets.is_empty() {
        return "<none>".into();
    }
    const MAX: usize = 3;
    let mut list: Vec<String> = Vec::new();
    let mut more = false;
    let mut count = 0usize;
    for ss in &ep.subsets {
        if ss.ports.is_empty() {
            count += ss.addresses.len();
            for a in &ss.addresses {
                if list.len() == MAX {
                    more = true;
                    break;
                }
                list.push(a.ip.clone());
            }
            continue;
        }
        for p in &ss.ports {
            count += ss.addresses.len();
            for a in &ss.addresses {
                if list.len() == MAX {
                    more = true;
                    break;
                }
                list.push(join_host_port(&a.ip, p.port));
            }
        }
    }
    let joined = list.join(",");
    if more {
        format!("{joined} + {} more...", count - MAX)
    } else {
        joined
    }
}

/// A row of `kubectl get endpoints` (`printEndpoints`): `NAME`, `ENDPOINTS` (no `AGE`).
pub fn endpoints_row(ep: &Endpoints) -> Vec<String> {
    vec![ep.metadata.name.clone(), format_endpoints(ep)]
}

/// `metav1.FormatLabelSelector`: the selector's requirements sorted by key, `k=v`, `k in (a,b)`,
/// `k notin (a,b)`, `k`, `!k`, joined by `,`; `<none>` for an empty one.
pub fn format_label_selector(sel: &LabelSelector) -> String {
    let mut reqs: Vec<(&str, String)> = sel
        .match_labels
        .iter()
        .map(|(k, v)| (k.as_str(), format!("{k}={v}")))
        .collect();
    for e in &sel.match_expressions {
        let mut values: Vec<&str> = e.values.iter().map(String::as_str).collect();
        values.sort_unstable();
        values.dedup();
        let text = match e.operator.as_str() {
            "In" => format!("{} in ({})", e.key, values.join(",")),
            "NotIn" => format!("{} notin ({})", e.key, values.join(",")),
            "Exists" => e.key.clone(),
            "DoesNotExist" => format!("!{}", e.key),
            _ => return "<error>".to_string(),
        };
        reqs.push((e.key.as_str(), text));
    }
    // `Selector.Add` keeps requirements sorted by key (stable for equal keys).
    reqs.sort_by(|a, b| a.0.cmp(b.0));
    if reqs.is_empty() {
        return "<none>".to_string();
    }
    reqs.into_iter()
        .map(|(_, t)| t)
        .collect::<Vec<_>>()
        .join(",")
}

/// A row of `kubectl get networkpolicies` (`printNetworkPolicy`): `NAME`, `POD-SELECTOR` (no
/// `AGE`).
pub fn network_policy_row(np: &NetworkPolicy) -> Vec<String> {
    vec![
        np.metadata.name.clone(),
        format_label_selector(&np.spec.pod_selector),
    ]
}

/// A row of `kubectl get deployments` (`printDeployment`): `NAME`, `READY` (`ready/desired`),
/// `UP-TO-DATE`, `AVAILABLE` (no `AGE`).
pub fn deployment_row(d: &Deployment) -> Vec<String> {
    vec![
        d.metadata.name.clone(),
        format!(
            "{}/{}",
            d.status.ready_replicas,
            d.spec.replicas.unwrap_or(1)
        ),
        d.status.updated_replicas.to_string(),
        d.status.available_replicas.to_string(),
    ]
}

/// A row of `kubectl get replicasets` (`printReplicaSet`): `NAME`, `DESIRED`, `CURRENT`,
/// `READY` (no `AGE`).
pub fn replica_set_row(rs: &ReplicaSet) -> Vec<String> {
    vec![
        rs.metadata.name.clone(),
        rs.spec.replicas.unwrap_or(1).to_string(),
        rs.status.replicas.to_string(),
        rs.status.ready_replicas.to_string(),
    ]
}

/// A row of `kubectl get statefulsets` (`printStatefulSet`): `NAME`, `READY`
/// (`readyReplicas/replicas`) (no `AGE`).
pub fn stateful_set_row(s: &StatefulSet) -> Vec<String> {
    vec![
        s.metadata.name.clone(),
        format!(
            "{}/{}",
            s.status.ready_replicas,
            s.spec.replicas.unwrap_or(1)
        ),
    ]
}

/// A row of `kubectl get daemonsets` (`printDaemonSet`): `NAME`, `DESIRED`, `CURRENT`, `READY`,
/// `UP-TO-DATE`, `AVAILABLE`, `NODE SELECTOR` (the template's `nodeSelector`) (no `AGE`).
pub fn daemon_set_row(d: &DaemonSet) -> Vec<String> {
    let st = &d.status;
    vec![
        d.metadata.name.clone(),
        st.desired_number_scheduled.to_string(),
        st.current_number_scheduled.to_string(),
        st.number_ready.to_string(),
        st.updated_number_scheduled.to_string(),
        st.number_available.to_string(),
        format_labels(Some(&d.spec.template.spec.node_selector)),
    ]
}

fn node_address(n: &Node, type_: &str) -> String {
    n.status
        .addresses
        .iter()
        .find(|a| a.type_ == type_)
        .map_or_else(|| "<none>".into(), |a| a.address.clone())
}

fn node_info(n: &Node, key: &str) -> String {
    n.status
        .node_info
        .as_ref()
        .map(|i| str_at(i, key).to_string())
        .unwrap_or_default()
}

/// A row of `kubectl get nodes` (`printNode`): `NAME`, `STATUS` (`Ready`, `NotReady` or
/// `Unknown`, then `,SchedulingDisabled`), `ROLES`, `VERSION`, and with `wide` `INTERNAL-IP`,
/// `EXTERNAL-IP`, `OS-IMAGE`, `KERNEL-VERSION`, `CONTAINER-RUNTIME` (no `AGE`).
pub fn node_row(n: &Node, wide: bool) -> Vec<String> {
    // The last Ready condition counts, as in a map keyed by type.
    let mut status = match n.status.conditions.iter().rfind(|c| c.type_ == "Ready") {
        Some(c) if c.status == "True" => "Ready".to_string(),
        Some(_) => "NotReady".to_string(),
        None => "Unknown".to_string(),
    };
    if n.spec.unschedulable {
        status.push_str(",SchedulingDisabled");
    }
    let mut roles = std::collections::BTreeSet::new();
    for (k, v) in &n.metadata.labels {
        if let Some(role) = k.strip_prefix("node-role.kubernetes.io/") {
            if !role.is_empty() {
                roles.insert(role.to_string());
            }
        } else if k == "kubernetes.io/role" && !v.is_empty() {
            roles.insert(v.clone());
        }
    }
    let roles = roles.into_iter().collect::<Vec<_>>().join(",");
    let mut row = vec![
        n.metadata.name.clone(),
        status,
        or_none(&roles),
        node_info(n, "kubeletVersion"),
    ];
    if wide {
        let unknown = |s: String| if s.is_empty() { "<unknown>".into() } else { s };
        row.extend([
            node_address(n, "InternalIP"),
            node_address(n, "ExternalIP"),
            unknown(node_info(n, "osImage")),
            unknown(node_info(n, "kernelVersion")),
            unknown(node_info(n, "containerRuntimeVersion")),
        ]);
    }
    row
}

impl Tables {
    /// The tables of `cluster`.
    pub fn new(cluster: &Cluster) -> Self {
        let st = &cluster.store;
        let now = cluster_now(cluster);
        let with_ns = |ns: &str, row: Vec<String>| {
            let mut r = vec![ns_of(ns)];
            r.extend(row);
            r
        };
        let services = Table {
            headers: headers(&[
                "NAMESPACE",
                "NAME",
                "TYPE",
                "CLUSTER-IP",
                "EXTERNAL-IP",
                "PORT(S)",
                "SELECTOR",
            ]),
            rows: st
                .services
                .iter()
                .map(|((ns, _), s)| {
                    // `get services -A` clips EXTERNAL-IP as without -o wide.
                    let mut row = service_row(s, false);
                    row.push(format_labels(s.spec.selector.as_ref()));
                    with_ns(ns, row)
                })
                .collect(),
        };
        let pods = Table {
            headers: headers(&[
                "NAMESPACE",
                "NAME",
                "READY",
                "STATUS",
                "RESTARTS",
                "IP",
                "NODE",
                "NOMINATED NODE",
                "READINESS GATES",
            ]),
            rows: st
                .pods
                .iter()
                .map(|((ns, _), p)| with_ns(ns, pod_row(p, true, now)))
                .collect(),
        };
        let endpoints = Table {
            headers: headers(&["NAMESPACE", "NAME", "ENDPOINTS"]),
            rows: st
                .endpoints
                .iter()
                .map(|((ns, _), e)| with_ns(ns, endpoints_row(e)))
                .collect(),
        };
        let endpoint_slices = Table {
            headers: headers(&["NAMESPACE", "NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS"]),
            rows: st
                .endpoint_slices
                .iter()
                .map(|((ns, _), s)| with_ns(ns, endpoint_slice_row(s)))
                .collect(),
        };
        let deployments = Table {
            headers: headers(&["NAMESPACE", "NAME", "READY", "UP-TO-DATE", "AVAILABLE"]),
            rows: st
                .deployments
                .iter()
                .map(|((ns, _), d)| with_ns(ns, deployment_row(d)))
                .collect(),
        };
        let stateful_sets = Table {
            headers: headers(&["NAMESPACE", "NAME", "READY"]),
            rows: st
                .stateful_sets
                .iter()
                .map(|((ns, _), s)| with_ns(ns, stateful_set_row(s)))
                .collect(),
        };
        let daemon_sets = Table {
            headers: headers(&[
                "NAMESPACE",
                "NAME",
                "DESIRED",
                "CURRENT",
                "READY",
                "UP-TO-DATE",
                "AVAILABLE",
                "NODE SELECTOR",
            ]),
            rows: st
                .daemon_sets
                .iter()
                .map(|((ns, _), d)| with_ns(ns, daemon_set_row(d)))
                .collect(),
        };
        let nodes = Table {
            headers: headers(&["NAME", "STATUS", "ROLES", "INTERNAL-IP", "EXTERNAL-IP"]),
            rows: st
                .nodes
                .values()
                .map(|n| {
                    let row = node_row(n, true);
                    vec![
                        row[0].clone(),
                        row[1].clone(),
                        row[2].clone(),
                        row[4].clone(),
                        row[5].clone(),
                    ]
                })
                .collect(),
        };
        let network_policies = Table {
            headers: headers(&["NAMESPACE", "NAME", "POD-SELECTOR"]),
            rows: st
                .network_policies
                .iter()
                .map(|((ns, _), np)| with_ns(ns, network_policy_row(np)))
                .collect(),
        };
        Tables {
            services,
            pods,
            endpoints,
            endpoint_slices,
            deployments,
            stateful_sets,
            daemon_sets,
            nodes,
            network_policies,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// kubectl describe service

/// Aligns tab-separated cells as Go's `text/tabwriter` does with kubectl describe's settings
/// (minimum width 0, padding 2, padded with spaces): a cell ends at a tab; the last cell of a
/// line is not aligned; a column is as wide as its widest cell (plus padding) over each run of
/// consecutive lines that have a cell in it.
pub fn tabwrite(text: &str) -> String {
    let body = text.strip_suffix('\n').unwrap_or(text);
    let lines: Vec<Vec<&str>> = body.split('\n').map(|l| l.split('\t').collect()).collect();
    let mut widths: Vec<Vec<usize>> = vec![Vec::new(); lines.len()];
    fn format(lines: &[Vec<&str>], widths: &mut [Vec<usize>], from: usize, to: usize, col: usize) {
        let mut i = from;
        while i < to {
            if lines[i].len() - 1 <= col {
                i += 1;
                continue;
            }
            let start = i;
            let mut w = 0;
            while i < to && lines[i].len() - 1 > col {
                w = w.max(lines[i][col].chars().count() + 2);
                i += 1;
            }
            for row in widths.iter_mut().take(i).skip(start) {
                row.push(w);
            }
            format(lines, widths, start, i, col + 1);
        }
    }
    format(&lines, &mut widths, 0, lines.len(), 0);
    let mut out = String::new();
    for (cells, ws) in lines.iter().zip(&widths) {
        for (j, cell) in cells.iter().enumerate() {
            out.push_str(cell);
            if let Some(w) = ws.get(j).filter(|_| j + 1 < cells.len()) {
                let n = w.saturating_sub(cell.chars().count());
                out.extend(std::iter::repeat_n(' ', n));
            }
        }
        out.push('\n');
    }
    if !text.ends_with('\n') {
        out.pop();
    }
    out
}

/// `printLabelsMultiline`: `Title:\tk=v`, then `\tk=v` per further key; `<none>` when empty.
fn labels_multiline(out: &mut String, title: &str, m: &StringMap) {
    out.push_str(&format!("{title}:\t"));
    if m.is_empty() {
        out.push_str("<none>\n");
        return;
    }
    for (i, (k, v)) in m.iter().enumerate() {
        if i != 0 {
            out.push('\t');
        }
        out.push_str(&format!("{k}={v}\n"));
    }
}

/// Clips `s` to `max` bytes and appends `...` (`shorten`).
fn shorten(s: &str, max: usize) -> String {
    if s.len() > max {
        let mut cut = max;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        format!("{}...", &s[..cut])
    } else {
        s.to_string()
    }
}

/// `printAnnotationsMultiline`: `key: value` per annotation (the last-applied configuration
/// skipped); a value over 140 characters or with newlines goes on indented lines of its own.
fn annotations_multiline(out: &mut String, title: &str, m: &StringMap) {
    const MAX: usize = 140;
    out.push_str(&format!("{title}:\t"));
    let keys: Vec<&String> = m
        .keys()
        .filter(|k| *k != "kubectl.kubernetes.io/last-applied-configuration")
        .collect();
    if keys.is_empty() {
        out.push_str("<none>\n");
        return;
    }
    for (i, k) in keys.into_iter().enumerate() {
        if i != 0 {
            out.push('\t');
        }
        let v = m[k].strip_suffix('\n').unwrap_or(&m[k]);
        if v.len() + k.len() + 2 > MAX || v.contains('\n') {
            out.push_str(&format!("{k}:\n"));
            for s in v.split('\n') {
                out.push_str(&format!("\t  {}\n", shorten(s, MAX - 2)));
            }
        } else {
            out.push_str(&format!("{k}: {v}\n"));
        }
    }
}

fn kv(w: &mut String, k: &str, v: &str) {
    w.push_str(k);
    w.push_str(":\t");
    w.push_str(v);
    w.push('\n');
}

/// `net.JoinHostPort`: brackets around a host containing `:`.
fn join_host_port(host: &str, port: i32) -> String {
    if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    }
}

/// The `Endpoints:` value for one Service port (`formatEndpointSlices`): the ready (or
/// unknown-ready) endpoints' first addresses, `ip:port` for the slices' ports of that name
/// (bare IPs for a slice without ports), three at most, then `+ N more...`; `<none>` without
/// slices.
pub fn format_endpoint_slices(slices: &[&EndpointSlice], port_name: &str) -> String {
    if slices.is_empty() {
        return "<none>".into();
    }
    const MAX: usize = 3;
    let mut list: Vec<String> = Vec::new();
    let mut more = false;
    let mut count = 0usize;
    let mut visit = |addr: Option<&String>, ready: bool, port: Option<i32>| {
        if list.len() == MAX {
            more = true;
        }
        let Some(addr) = addr.filter(|_| ready) else {
            return;
        };
        if !more {
            list.push(match port {
                Some(p) => join_host_port(addr, p),
                None => addr.clone(),
            });
        }
        count += 1;
    };
    for s in slices {
        if s.ports.is_empty() {
            for e in &s.endpoints {
                visit(e.addresses.first(), e.conditions.ready != Some(false), None);
            }
            continue;
        }
        for p in &s.ports {
            if p.name.as_deref().unwrap_or_default() != port_name {
                continue;
            }
            for e in &s.endpoints {
                visit(
                    e.addresses.first(),
                    e.conditions.ready != Some(false),
                    Some(p.port.unwrap_or_default()),
                );
            }
        }
    }
    let joined = list.join(",");
    if more {
        format!("{joined} + {} more...", count.saturating_sub(MAX))
    } else {
        joined
    }
}

/// `kubectl describe service` of `s` with the EndpointSlices labelled for it (`describeService`
/// with no events): every line, its `<none>`/`<unset>` placeholders and the tabwriter's
/// alignment as kubectl prints them.
pub fn describe_service_text(s: &Service, slices: &[&EndpointSlice]) -> String {
    let spec = &s.spec;
    let mut w = String::new();
    kv(&mut w, "Name", &s.metadata.name);
    kv(&mut w, "Namespace", &s.metadata.namespace);
    labels_multiline(&mut w, "Labels", &s.metadata.labels);
    annotations_multiline(&mut w, "Annotations", &s.metadata.annotations);
    let mut line = |k: &str, v: &str| kv(&mut w, k, v);
    line("Selector", &format_labels(spec.selector.as_ref()));
    line("Type", &spec.type_);
    if let Some(p) = &spec.ip_family_policy {
        line("IP Family Policy", p);
    }
    line(
        "IP Families",
        &if spec.ip_families.is_empty() {
            "<none>".to_string()
        } else {
            spec.ip_families.join(",")
        },
    );
    line("IP", &spec.cluster_ip);
    line(
        "IPs",
        &if spec.cluster_ips.is_empty() {
            "<none>".to_string()
        } else {
            spec.cluster_ips.join(",")
        },
    );
    if !spec.external_ips.is_empty() {
        line("External IPs", &spec.external_ips.join(","));
    }
    if !spec.load_balancer_ip.is_empty() {
        line("Desired LoadBalancer IP", &spec.load_balancer_ip);
    }
    if !spec.external_name.is_empty() {
        line("External Name", &spec.external_name);
    }
    let ingress = &s.status.load_balancer.ingress;
    if !ingress.is_empty() {
        let list = ingress
            .iter()
            .map(|i| {
                if i.ip.is_empty() {
                    i.hostname.clone()
                } else if let Some(mode) = &i.ip_mode {
                    format!("{} ({mode})", i.ip)
                } else {
                    i.ip.clone()
                }
            })
            .collect::<Vec<_>>()
            .join(", ");
        line("LoadBalancer Ingress", &list);
    }
    for p in &spec.ports {
        let name = if p.name.is_empty() {
            "<unset>"
        } else {
            &p.name
        };
        let proto = &p.protocol;
        line("Port", &format!("{name}\t{}/{proto}", p.port));
        let target = match &p.target_port {
            Some(IntOrString::Int(n)) => n.to_string(),
            Some(IntOrString::String(s)) => s.clone(),
            None => "0".into(),
        };
        line("TargetPort", &format!("{target}/{proto}"));
        if let Some(ap) = &p.app_protocol {
            line("AppProtocol", ap);
        }
        if p.node_port != 0 {
            line("NodePort", &format!("{name}\t{}/{proto}", p.node_port));
        }
        line("Endpoints", &format_endpoint_slices(slices, &p.name));
    }
    line("Session Affinity", &spec.session_affinity);
    if !spec.external_traffic_policy.is_empty() {
        line("External Traffic Policy", &spec.external_traffic_policy);
    }
    if let Some(p) = &spec.internal_traffic_policy {
        line("Internal Traffic Policy", p);
    }
    if spec.health_check_node_port != 0 {
        line(
            "HealthCheck NodePort",
            &spec.health_check_node_port.to_string(),
        );
    }
    if !spec.load_balancer_source_ranges.is_empty() {
        line(
            "LoadBalancer Source Ranges",
            &spec.load_balancer_source_ranges.join(","),
        );
    }
    if let Some(td) = &spec.traffic_distribution {
        line("Traffic Distribution", td);
    }
    line("Events", "<none>");
    tabwrite(&w)
}

/// `kubectl describe service NAME -n NAMESPACE` (no events recorded); `None` if there is no
/// such Service. The EndpointSlices are those of the namespace labelled
/// `kubernetes.io/service-name=NAME`.
pub fn describe_service(cluster: &Cluster, namespace: &str, name: &str) -> Option<String> {
    let s = cluster
        .store
        .services
        .get(&(namespace.to_string(), name.to_string()))?;
    let slices: Vec<&EndpointSlice> = cluster
        .store
        .endpoint_slices
        .iter()
        .filter(|((ns, _), sl)| {
            ns == namespace && sl.metadata.labels.get(LABEL_SERVICE_NAME) == Some(&s.metadata.name)
        })
        .map(|(_, sl)| sl)
        .collect();
    if s.metadata.namespace.is_empty() {
        let mut s = s.clone();
        s.metadata.namespace = namespace.to_string();
        return Some(describe_service_text(&s, &slices));
    }
    Some(describe_service_text(s, &slices))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use svcplay_sim::Options;

    const NODEPORT: &str = include_str!("../../../www/src/scenarios/multi-node-nodeport.yaml");

    fn cluster(yaml: &str) -> Cluster {
        let mut c = Cluster::new(Options {
            seed: 1,
            ..Options::default()
        });
        c.apply_texts(&[("input.yaml", yaml)]);
        c
    }

    fn from<T: serde::de::DeserializeOwned>(v: Value) -> T {
        serde_json::from_value(v).expect("a valid object")
    }

    /// Cells of a row, for comparing with upstream's expected cells.
    fn cells(row: &[String]) -> Vec<&str> {
        row.iter().map(String::as_str).collect()
    }

    /// A fixed "now" and times before it, as upstream's `time.Now().Add(-d)`.
    const NOW: i64 = 1_767_225_600 + 86_400 * 30;

    fn ago(seconds: i64) -> String {
        let t = NOW - seconds;
        let days = t.div_euclid(86_400);
        let rem = t.rem_euclid(86_400);
        // days since 1970-01-01 back to a civil date (inverse of days_from_civil)
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i64::from(m <= 2);
        format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
            rem / 3600,
            rem % 3600 / 60,
            rem % 60
        )
    }

    #[test]
    fn human_duration_as_apimachinery() {
        // duration_test.go TestHumanDuration (k8s.io/apimachinery/pkg/util/duration), and the
        // printers' "0s" for a creation time 1.9s in the future.
        let cases = [
            (-2, "<invalid>"),
            (-1, "0s"),
            (0, "0s"),
            (1, "1s"),
            (59, "59s"),
            (119, "119s"),
            (120, "2m"),
            (123, "2m3s"),
            (9 * 60 + 59, "9m59s"),
            (10 * 60, "10m"),
            (179 * 60 + 59, "179m"),
            (3 * 3600, "3h"),
            (3 * 3600 + 5 * 60, "3h5m"),
            (8 * 3600, "8h"),
            (47 * 3600 + 59 * 60, "47h"),
            (48 * 3600, "2d"),
            (3 * 86_400 + 4 * 3600, "3d4h"),
            (8 * 86_400, "8d"),
            (367 * 86_400, "367d"),
            (2 * 365 * 86_400, "2y"),
            (2 * 365 * 86_400 + 30 * 86_400, "2y30d"),
            (8 * 365 * 86_400, "8y"),
            (12 * 365 * 86_400, "12y"),
        ];
        for (secs, want) in cases {
            assert_eq!(human_duration(secs), want, "{secs}s");
        }
        assert_eq!(translate_timestamp_since(None, NOW), "<unknown>");
        assert_eq!(translate_timestamp_since(Some(&ago(300)), NOW), "5m");
        assert_eq!(parse_rfc3339("2026-01-01T00:00:00Z"), Some(1_767_225_600));
        assert_eq!(
            parse_rfc3339("2026-01-01T01:00:00.5+01:00"),
            Some(1_767_225_600)
        );
        assert_eq!(parse_rfc3339("yesterday"), None);
    }

    fn svc(v: Value) -> Service {
        from(v)
    }

    #[test]
    fn print_service_rows() {
        // printers_test.go TestPrintService: each case's cells without AGE.
        let ext1 = json!(["80.11.12.10"]);
        let ext2 = json!(["80.11.12.10", "80.11.12.11"]);
        let port = |p: i32| json!([{"protocol": "tcp", "port": p}]);
        let cases: Vec<(Value, Vec<&str>)> = vec![
            (
                json!({"metadata": {"name": "test1"}, "spec": {"type": "ClusterIP", "ports": port(2233), "clusterIPs": ["10.9.8.7"]}}),
                vec!["test1", "ClusterIP", "10.9.8.7", "<none>", "2233/tcp"],
            ),
            (
                json!({"metadata": {"name": "test2"}, "spec": {"type": "NodePort", "ports": [{"protocol": "tcp", "port": 8888, "nodePort": 9999}], "clusterIPs": ["10.9.8.7"]}}),
                vec!["test2", "NodePort", "10.9.8.7", "<none>", "8888:9999/tcp"],
            ),
            (
                json!({"metadata": {"name": "test3"}, "spec": {"type": "LoadBalancer", "ports": port(8888), "clusterIPs": ["10.9.8.7"]}}),
                vec!["test3", "LoadBalancer", "10.9.8.7", "<pending>", "8888/tcp"],
            ),
            (
                json!({"metadata": {"name": "test4"}, "spec": {"type": "LoadBalancer", "ports": port(8888), "clusterIPs": ["10.9.8.7"], "externalIPs": ext1}}),
                vec![
                    "test4",
                    "LoadBalancer",
                    "10.9.8.7",
                    "80.11.12.10",
                    "8888/tcp",
                ],
            ),
            (
                json!({"metadata": {"name": "test5"}, "spec": {"type": "LoadBalancer", "ports": port(8888), "clusterIPs": ["10.9.8.7"], "externalIPs": ext1},
                       "status": {"loadBalancer": {"ingress": [{"ip": "3.4.5.6", "hostname": "test.cluster.com"}]}}}),
                vec![
                    "test5",
                    "LoadBalancer",
                    "10.9.8.7",
                    "3.4.5.6,80.11.12.10",
                    "8888/tcp",
                ],
            ),
            (
                json!({"metadata": {"name": "test6"}, "spec": {"type": "LoadBalancer", "ports": port(8888), "clusterIPs": ["10.9.8.7"], "externalIPs": ext2},
                       "status": {"loadBalancer": {"ingress": [{"ip": "2.3.4.5", "hostname": "test.cluster.local"}, {"ip": "3.4.5.6", "hostname": "test.cluster.com"}]}}}),
                vec![
                    "test6",
                    "LoadBalancer",
                    "10.9.8.7",
                    "2.3.4.5,3.4.5.6,80.11.12.10,80.11.12.11",
                    "8888/tcp",
                ],
            ),
            (
                json!({"metadata": {"name": "test7"}, "spec": {"type": "ExternalName", "externalName": "my.database.example.com"}}),
                vec![
                    "test7",
                    "ExternalName",
                    "<none>",
                    "my.database.example.com",
                    "<none>",
                ],
            ),
            // printService: CLUSTER-IP is clusterIPs[0] (clusterIP when the list is empty).
            (
                json!({"metadata": {"name": "dual"}, "spec": {"type": "ClusterIP", "clusterIP": "10.9.8.7", "clusterIPs": ["10.9.8.7", "fd00::7"]}}),
                vec!["dual", "ClusterIP", "10.9.8.7", "<none>", "<none>"],
            ),
            (
                json!({"metadata": {"name": "v1"}, "spec": {"type": "ClusterIP", "clusterIP": "None"}}),
                vec!["v1", "ClusterIP", "None", "<none>", "<none>"],
            ),
            // getServiceExternalIP: an unknown (or unset) type.
            (
                json!({"metadata": {"name": "odd"}, "spec": {"externalIPs": ext1}}),
                vec!["odd", "", "<none>", "<unknown>", "<none>"],
            ),
        ];
        for (v, want) in cases {
            let s = svc(v);
            assert_eq!(cells(&service_row(&s, false)), want);
        }
    }

    #[test]
    fn print_service_load_balancer_ingress() {
        // loadBalancerStatusStringer: IP else hostname, de-duplicated and sorted; clipped to
        // 13 bytes + "..." past 16 unless wide; wide adds SELECTOR (labels.FormatLabels).
        let s = svc(
            json!({"metadata": {"name": "lb"}, "spec": {"type": "LoadBalancer", "clusterIPs": ["10.0.0.1"], "selector": {"b": "2", "a": "1"}},
            "status": {"loadBalancer": {"ingress": [{"ip": "203.0.113.9"}, {"hostname": "lb.example.com"}, {"ip": "203.0.113.1"}, {"ip": "203.0.113.9"}]}}}),
        );
        assert_eq!(
            service_row(&s, true),
            vec![
                "lb",
                "LoadBalancer",
                "10.0.0.1",
                "203.0.113.1,203.0.113.9,lb.example.com",
                "<none>",
                "a=1,b=2"
            ]
        );
        assert_eq!(external_ip(&s), "203.0.113.1,2...");
        let host = svc(
            json!({"spec": {"type": "LoadBalancer"}, "status": {"loadBalancer": {"ingress": [{"hostname": "a.example.com"}]}}}),
        );
        assert_eq!(external_ip(&host), "a.example.com");
        let none = svc(json!({"spec": {"type": "ClusterIP"}}));
        assert_eq!(service_row(&none, true)[5], "<none>");
    }

    fn pod(v: Value) -> Pod {
        from(v)
    }

    fn containers(n: usize) -> Value {
        Value::Array((0..n).map(|i| json!({"name": format!("c{i}")})).collect())
    }

    #[test]
    fn print_pod_rows() {
        // printers_test.go TestPrintPod, test1..test20 (cells without AGE).
        let running = json!({"running": {}});
        let waiting = |r: &str| json!({"waiting": {"reason": r}});
        let last = |s: i64| json!({"terminated": {"finishedAt": ago(s)}});
        let deleted = ago(10);
        let cases: Vec<(Value, [&str; 4])> = vec![
            (
                json!({"metadata": {"name": "test1"}, "spec": {"containers": containers(2)}, "status": {"phase": "podPhase",
                    "containerStatuses": [{"ready": true, "restartCount": 3, "state": running}, {"restartCount": 3}]}}),
                ["test1", "1/2", "podPhase", "6"],
            ),
            (
                json!({"metadata": {"name": "test2"}, "spec": {"containers": containers(2)}, "status": {"phase": "podPhase",
                    "containerStatuses": [{"ready": true, "restartCount": 3, "state": running}, {"state": waiting("ContainerWaitingReason"), "restartCount": 3}]}}),
                ["test2", "1/2", "ContainerWaitingReason", "6"],
            ),
            (
                json!({"metadata": {"name": "test3"}, "spec": {"containers": containers(2)}, "status": {"phase": "podPhase",
                    "containerStatuses": [{"state": waiting("ContainerWaitingReason"), "restartCount": 3},
                                          {"state": {"terminated": {"reason": "ContainerTerminatedReason"}}, "restartCount": 3}]}}),
                ["test3", "0/2", "ContainerWaitingReason", "6"],
            ),
            (
                json!({"metadata": {"name": "test4"}, "spec": {"containers": containers(2)}, "status": {"phase": "podPhase",
                    "containerStatuses": [{"ready": true, "restartCount": 3, "state": running}, {"ready": true, "restartCount": 3}]}}),
                ["test4", "1/2", "podPhase", "6"],
            ),
            (
                json!({"metadata": {"name": "test5"}, "spec": {"containers": containers(2)}, "status": {"phase": "podPhase", "reason": "podReason",
                    "containerStatuses": [{"ready": true, "restartCount": 3, "state": running}, {"ready": true, "restartCount": 3}]}}),
                ["test5", "1/2", "podReason", "6"],
            ),
            (
                json!({"metadata": {"name": "test6"}, "spec": {"containers": containers(2)}, "status": {"phase": "Running",
                    "containerStatuses": [{"ready": true, "restartCount": 3, "state": {"terminated": {"reason": "Completed", "exitCode": 0}}},
                                          {"ready": true, "restartCount": 3, "state": running}]}}),
                ["test6", "1/2", "NotReady", "6"],
            ),
            (
                json!({"metadata": {"name": "test6"}, "spec": {"containers": containers(2)}, "status": {"phase": "Running",
                    "conditions": [{"type": "Ready", "status": "True"}],
                    "containerStatuses": [{"ready": true, "restartCount": 3, "state": {"terminated": {"reason": "Completed", "exitCode": 0}}},
                                          {"ready": true, "restartCount": 3, "state": running}]}}),
                ["test6", "1/2", "Running", "6"],
            ),
            (
                json!({"metadata": {"name": "test7"}, "spec": {"initContainers": containers(1), "containers": containers(1)}, "status": {"phase": "podPhase",
                    "initContainerStatuses": [{"ready": false, "restartCount": 3, "state": running, "lastState": last(10)}],
                    "containerStatuses": [{"ready": false, "restartCount": 0, "state": {"waiting": {}}}]}}),
                ["test7", "0/1", "Init:0/1", "3 (10s ago)"],
            ),
            (
                json!({"metadata": {"name": "test8"}, "spec": {"initContainers": containers(2), "containers": containers(1)}, "status": {"phase": "podPhase",
                    "initContainerStatuses": [{"restartCount": 3, "state": running, "lastState": last(10)}, {"state": {"waiting": {}}}],
                    "containerStatuses": [{"state": {"waiting": {}}}]}}),
                ["test8", "0/1", "Init:0/2", "3 (10s ago)"],
            ),
            (
                json!({"metadata": {"name": "test9"}, "spec": {"initContainers": containers(2), "containers": containers(1)}, "status": {"phase": "podPhase",
                    "initContainerStatuses": [{"state": {"terminated": {}}}, {"restartCount": 3, "state": running, "lastState": last(10)}],
                    "containerStatuses": [{"state": {"waiting": {}}}]}}),
                ["test9", "0/1", "Init:1/2", "3 (10s ago)"],
            ),
            (
                json!({"metadata": {"name": "test10"}, "spec": {"initContainers": containers(2), "containers": containers(1)}, "status": {"phase": "podPhase",
                    "initContainerStatuses": [{"restartCount": 2, "state": {"terminated": {}}, "lastState": last(120)},
                                              {"restartCount": 3, "state": running, "lastState": last(10)}],
                    "containerStatuses": [{"state": {"waiting": {}}}]}}),
                ["test10", "0/1", "Init:1/2", "5 (10s ago)"],
            ),
            (
                json!({"metadata": {"name": "test11"}, "spec": {"initContainers": containers(1), "containers": containers(1)}, "status": {"phase": "Running",
                    "initContainerStatuses": [{"restartCount": 2, "state": {"terminated": {}}, "lastState": last(120)}],
                    "containerStatuses": [{"restartCount": 4, "state": running, "lastState": last(20)}]}}),
                ["test11", "0/1", "Running", "4 (20s ago)"],
            ),
            (
                json!({"metadata": {"name": "test12"}, "spec": {"containers": containers(1)}, "status": {"phase": "Running",
                    "containerStatuses": [{"ready": true, "restartCount": 3, "state": running, "lastState": last(5 * 86_400)}]}}),
                ["test12", "1/1", "Running", "3 (5d ago)"],
            ),
            (
                json!({"metadata": {"name": "test13"}, "spec": {"containers": containers(2)}, "status": {"phase": "Running",
                    "containerStatuses": [{"ready": true, "restartCount": 0, "state": running},
                                          {"ready": true, "restartCount": 3, "state": running, "lastState": last(10 * 86_400)}]}}),
                ["test13", "2/2", "Running", "3 (10d ago)"],
            ),
            (
                json!({"metadata": {"name": "test14"}, "spec": {"containers": containers(2)}, "status": {"phase": "Running",
                    "containerStatuses": [{"ready": true, "restartCount": 6, "state": running, "lastState": last(5 * 86_400)},
                                          {"ready": true, "restartCount": 3, "state": running, "lastState": last(20 * 86_400)}]}}),
                ["test14", "2/2", "Running", "9 (5d ago)"],
            ),
            (
                json!({"metadata": {"name": "test15"}, "spec": {"containers": containers(2)}, "status": {"phase": "podPhase",
                    "conditions": [{"type": "PodScheduled", "status": "False", "reason": "SchedulingGated"}]}}),
                ["test15", "0/2", "SchedulingGated", "0"],
            ),
            (
                json!({"metadata": {"name": "test16"}, "spec": {"containers": containers(1)}, "status": {"phase": "Succeeded",
                    "containerStatuses": [{"state": {"terminated": {"reason": "Completed", "exitCode": 0}}}]}}),
                ["test16", "0/1", "Completed", "0"],
            ),
            (
                json!({"metadata": {"name": "test17"}, "spec": {"containers": containers(1)}, "status": {"phase": "Failed",
                    "containerStatuses": [{"state": {"terminated": {"reason": "Error", "exitCode": 1}}}]}}),
                ["test17", "0/1", "Error", "0"],
            ),
            (
                json!({"metadata": {"name": "test18", "deletionTimestamp": deleted}, "spec": {"containers": containers(1)}, "status": {"phase": "Succeeded",
                    "containerStatuses": [{"state": {"terminated": {"reason": "Completed", "exitCode": 0}}}]}}),
                ["test18", "0/1", "Completed", "0"],
            ),
            (
                json!({"metadata": {"name": "test19", "deletionTimestamp": deleted}, "spec": {"containers": containers(1)}, "status": {"phase": "Running",
                    "containerStatuses": [{"state": running}]}}),
                ["test19", "0/1", "Terminating", "0"],
            ),
            (
                json!({"metadata": {"name": "test20", "deletionTimestamp": deleted}, "spec": {"containers": containers(1)}, "status": {"phase": "Pending"}}),
                ["test20", "0/1", "Terminating", "0"],
            ),
            // printPod: a pod on a lost node being deleted is Unknown; terminated containers
            // without a reason show their signal or exit code.
            (
                json!({"metadata": {"name": "lost", "deletionTimestamp": deleted}, "spec": {"containers": containers(1)}, "status": {"phase": "Running", "reason": "NodeLost"}}),
                ["lost", "0/1", "Unknown", "0"],
            ),
            (
                json!({"metadata": {"name": "sig"}, "spec": {"containers": containers(2)}, "status": {"phase": "Running",
                    "containerStatuses": [{"state": {"terminated": {"exitCode": 2}}}, {"state": {"terminated": {"signal": 9}}}]}}),
                ["sig", "0/2", "ExitCode:2", "0"],
            ),
            (
                json!({"metadata": {"name": "initfail"}, "spec": {"initContainers": containers(1), "containers": containers(1)}, "status": {"phase": "Pending",
                    "initContainerStatuses": [{"state": {"terminated": {"exitCode": 1}}}]}}),
                ["initfail", "0/1", "Init:ExitCode:1", "0"],
            ),
            (
                json!({"metadata": {"name": "initwait"}, "spec": {"initContainers": containers(1), "containers": containers(1)}, "status": {"phase": "Pending",
                    "initContainerStatuses": [{"state": waiting("CrashLoopBackOff")}]}}),
                ["initwait", "0/1", "Init:CrashLoopBackOff", "0"],
            ),
            (
                json!({"metadata": {"name": "creating"}, "spec": {"containers": containers(1)}, "status": {"phase": "Pending",
                    "containerStatuses": [{"state": waiting("ContainerCreating")}]}}),
                ["creating", "0/1", "ContainerCreating", "0"],
            ),
        ];
        for (v, want) in cases {
            let p = pod(v);
            assert_eq!(cells(&pod_row(&p, false, NOW)), want);
        }
    }

    #[test]
    fn print_pod_with_restartable_init_containers() {
        // printers_test.go TestPrintPodWithRestartableInitContainer test1..test4.
        let sidecars = json!([{"name": "restartable-init-1", "restartPolicy": "Always"}, {"name": "restartable-init-2", "restartPolicy": "Always"}]);
        let last10 = json!({"terminated": {"finishedAt": ago(10)}});
        let last20 = json!({"terminated": {"finishedAt": ago(20)}});
        let cases: Vec<(Value, [&str; 4])> = vec![
            (
                json!({"metadata": {"name": "test1"}, "spec": {"initContainers": sidecars, "containers": containers(1)}, "status": {"phase": "Pending",
                    "initContainerStatuses": [
                        {"name": "restartable-init-1", "restartCount": 3, "state": {"running": {}}, "started": false, "lastState": last10},
                        {"name": "restartable-init-2", "state": {"waiting": {}}, "started": false}],
                    "containerStatuses": [{"state": {"waiting": {}}}],
                    "conditions": [{"type": "Initialized", "status": "False"}]}}),
                ["test1", "0/3", "Init:0/2", "3 (10s ago)"],
            ),
            (
                json!({"metadata": {"name": "test1"}, "spec": {"initContainers": sidecars, "containers": containers(1)}, "status": {"phase": "Pending",
                    "initContainerStatuses": [
                        {"name": "restartable-init-1", "restartCount": 3, "state": {"running": {}}, "started": true, "lastState": last10},
                        {"name": "restartable-init-2", "state": {"running": {}}, "started": false}],
                    "containerStatuses": [{"state": {"waiting": {}}}],
                    "conditions": [{"type": "Initialized", "status": "False"}]}}),
                ["test1", "0/3", "Init:1/2", "3 (10s ago)"],
            ),
            (
                json!({"metadata": {"name": "test2"}, "spec": {"initContainers": sidecars, "containers": containers(1)}, "status": {"phase": "Running",
                    "initContainerStatuses": [
                        {"name": "restartable-init-1", "restartCount": 3, "state": {"running": {}}, "started": true, "lastState": last10},
                        {"name": "restartable-init-2", "state": {"running": {}}, "started": true}],
                    "containerStatuses": [{"ready": true, "restartCount": 4, "state": {"running": {}}, "lastState": last20}],
                    "conditions": [{"type": "Initialized", "status": "True"}]}}),
                ["test2", "1/3", "Running", "7 (10s ago)"],
            ),
            (
                json!({"metadata": {"name": "test3"}, "spec": {"initContainers": sidecars, "containers": containers(1)}, "status": {"phase": "Succeeded",
                    "initContainerStatuses": [
                        {"name": "restartable-init-1", "restartCount": 3, "state": {"terminated": {"reason": "Error", "exitCode": 137}}, "started": false, "lastState": last10},
                        {"name": "restartable-init-2", "state": {"terminated": {"reason": "Error", "exitCode": 137}}, "started": false}],
                    "containerStatuses": [{"restartCount": 4, "state": {"terminated": {"reason": "Completed", "exitCode": 0}}, "lastState": last20}],
                    "conditions": [{"type": "Initialized", "status": "True"}]}}),
                ["test3", "0/3", "Completed", "7 (10s ago)"],
            ),
            (
                json!({"metadata": {"name": "test4"}, "spec": {
                        "initContainers": [{"name": "init1", "image": "initimage"}, {"name": "sidecar1", "image": "sidecarimage", "restartPolicy": "Always"}],
                        "containers": [{"name": "container1", "image": "containerimage"}]},
                    "status": {"phase": "Running",
                        "initContainerStatuses": [{"name": "initinvalid"}, {"name": "init1"}, {"name": "sidecar1"}],
                        "containerStatuses": [{"name": "containerinvalid"}, {"name": "container1"}]}}),
                ["test4", "0/2", "Init:0/2", "0"],
            ),
        ];
        for (v, want) in cases {
            let p = pod(v);
            assert_eq!(cells(&pod_row(&p, false, NOW)), want);
        }
    }

    #[test]
    fn print_pod_wide() {
        // printers_test.go TestPrintPodwide: IP (podIPs[0]), NODE, NOMINATED NODE, READINESS
        // GATES (true conditions of the gates / gates), `<none>` when unset.
        let gates = json!([{"conditionType": "condition1"}, {"conditionType": "condition2"}, {"conditionType": "condition3"}]);
        let conds = json!([{"type": "condition1", "status": "False"}, {"type": "condition2", "status": "True"}]);
        let statuses = json!([{"ready": true, "restartCount": 3, "state": {"running": {}}}, {"restartCount": 3}]);
        let cases: Vec<(Value, [&str; 8])> = vec![
            (
                json!({"metadata": {"name": "test1"}, "spec": {"containers": containers(2), "nodeName": "test1", "readinessGates": gates},
                    "status": {"conditions": conds, "phase": "podPhase", "podIPs": [{"ip": "1.1.1.1"}], "containerStatuses": statuses, "nominatedNodeName": "node1"}}),
                [
                    "test1", "1/2", "podPhase", "6", "1.1.1.1", "test1", "node1", "1/3",
                ],
            ),
            (
                json!({"metadata": {"name": "test1"}, "spec": {"containers": containers(2), "nodeName": "test1", "readinessGates": gates},
                    "status": {"conditions": conds, "phase": "podPhase", "podIP": "1.1.1.1", "podIPs": [{"ip": "1.1.1.1"}, {"ip": "2001:db8::"}], "containerStatuses": statuses, "nominatedNodeName": "node1"}}),
                [
                    "test1", "1/2", "podPhase", "6", "1.1.1.1", "test1", "node1", "1/3",
                ],
            ),
            (
                json!({"metadata": {"name": "test2"}, "spec": {"containers": containers(2), "nodeName": ""},
                    "status": {"phase": "podPhase", "containerStatuses": [{"ready": true, "restartCount": 3, "state": {"running": {}}},
                        {"state": {"waiting": {"reason": "ContainerWaitingReason"}}, "restartCount": 3}]}}),
                [
                    "test2",
                    "1/2",
                    "ContainerWaitingReason",
                    "6",
                    "<none>",
                    "<none>",
                    "<none>",
                    "<none>",
                ],
            ),
        ];
        for (v, want) in cases {
            let p = pod(v);
            assert_eq!(cells(&pod_row(&p, true, NOW)), want);
        }
    }

    #[test]
    fn print_endpoint_slice_rows() {
        // printers_test.go TestPrintEndpointSlice (cells without AGE), plus listWithMoreString's
        // `<unset>` and a port known only by name.
        let ep = |a: &[&str]| json!({"addresses": a});
        let port = |n: &str, p: i32| json!({"name": n, "port": p, "protocol": "TCP"});
        let cases: Vec<(Value, [&str; 4])> = vec![
            (
                json!({"metadata": {"name": "abcslice.123"}, "addressType": "IP", "ports": [port("http", 80)],
                    "endpoints": [ep(&["10.1.2.3", "2001:db8::1234:5678"])]}),
                ["abcslice.123", "IP", "80", "10.1.2.3,2001:db8::1234:5678"],
            ),
            (
                json!({"metadata": {"name": "longerslicename.123"}, "addressType": "IP", "ports": [port("http", 80), port("https", 443)],
                    "endpoints": [ep(&["10.1.2.3", "2001:db8::1234:5678"]), ep(&["10.2.3.4", "2001:db8::2345:6789"])]}),
                [
                    "longerslicename.123",
                    "IP",
                    "80,443",
                    "10.1.2.3,2001:db8::1234:5678,10.2.3.4 + 1 more...",
                ],
            ),
            (
                json!({"metadata": {"name": "multiportslice.123"}, "addressType": "IP",
                    "ports": [port("http", 80), port("https", 443), port("extra1", 3000), port("extra2", 3001)],
                    "endpoints": [ep(&["10.1.2.3", "2001:db8::1234:5678"]), ep(&["10.2.3.4", "2001:db8::2345:6789"])]}),
                [
                    "multiportslice.123",
                    "IP",
                    "80,443,3000 + 1 more...",
                    "10.1.2.3,2001:db8::1234:5678,10.2.3.4 + 1 more...",
                ],
            ),
            (
                json!({"metadata": {"name": "empty"}, "addressType": "IPv4"}),
                ["empty", "IPv4", "<unset>", "<unset>"],
            ),
            (
                json!({"metadata": {"name": "named"}, "addressType": "IPv4", "ports": [{"name": "http"}, {}], "endpoints": [ep(&["10.0.0.1"])]}),
                ["named", "IPv4", "http,*", "10.0.0.1"],
            ),
        ];
        for (v, want) in cases {
            let s: EndpointSlice = from(v);
            assert_eq!(cells(&endpoint_slice_row(&s)), want);
        }
    }

    #[test]
    fn print_endpoints_rows() {
        // After printers_test.go TestPrintEndpoint (formatEndpoints): ports per subset, bare IPs
        // without ports, IPv6 in brackets, three then `+ N more...`, only ready addresses,
        // `<none>` without subsets.
        let cases: Vec<(Value, &str)> = vec![
            (
                json!({"subsets": [{"addresses": [{"ip": "1.1.1.1"}, {"ip": "2.2.2.2"}],
                                    "ports": [{"port": 8001, "protocol": "TCP"}]}]}),
                "1.1.1.1:8001,2.2.2.2:8001",
            ),
            (
                json!({"subsets": [{"addresses": [{"ip": "3.3.3.3"}, {"ip": "4.4.4.4"}]}]}),
                "3.3.3.3,4.4.4.4",
            ),
            (
                json!({"subsets": [{"addresses": [{"ip": "fd00:1::1"}], "ports": [{"port": 8003}]}]}),
                "[fd00:1::1]:8003",
            ),
            (
                json!({"subsets": [
                    {"addresses": [{"ip": "1.1.1.1"}, {"ip": "2.2.2.2"}],
                     "ports": [{"name": "a", "port": 80}, {"name": "b", "port": 81}]},
                    {"addresses": [{"ip": "3.3.3.3"}], "ports": [{"port": 82}]}]}),
                "1.1.1.1:80,2.2.2.2:80,1.1.1.1:81 + 2 more...",
            ),
            (
                json!({"subsets": [{"notReadyAddresses": [{"ip": "5.5.5.5"}], "ports": [{"port": 80}]}]}),
                "",
            ),
            (json!({}), "<none>"),
        ];
        for (mut v, want) in cases {
            v["metadata"] = json!({"name": "ep"});
            let e: Endpoints = from(v);
            assert_eq!(cells(&endpoints_row(&e)), ["ep", want]);
        }
    }

    #[test]
    fn print_node_rows() {
        // printers_test.go TestPrintNodeStatus foo1..foo9, TestPrintNodeRole foo9..foo11,
        // TestPrintNodeName, TestPrintNodeExternalIP/InternalIP foo1..foo3, TestPrintNodeOSImage.
        let ready = |s: &str| json!([{"type": "Ready", "status": s}]);
        let status_cases: Vec<(Value, &str)> = vec![
            (json!({"status": {"conditions": ready("True")}}), "Ready"),
            (
                json!({"spec": {"unschedulable": true}, "status": {"conditions": ready("True")}}),
                "Ready,SchedulingDisabled",
            ),
            (
                json!({"status": {"conditions": [{"type": "Ready", "status": "True"}, {"type": "Ready", "status": "True"}]}}),
                "Ready",
            ),
            (
                json!({"status": {"conditions": ready("False")}}),
                "NotReady",
            ),
            (
                json!({"spec": {"unschedulable": true}, "status": {"conditions": ready("False")}}),
                "NotReady,SchedulingDisabled",
            ),
            (
                json!({"status": {"conditions": [{"type": "InvalidValue", "status": "True"}]}}),
                "Unknown",
            ),
            (
                json!({"status": {"conditions": [{"type": "", "status": ""}]}}),
                "Unknown",
            ),
            (
                json!({"spec": {"unschedulable": true}, "status": {"conditions": [{"type": "InvalidValue", "status": "True"}]}}),
                "Unknown,SchedulingDisabled",
            ),
            (
                json!({"spec": {"unschedulable": true}, "status": {"conditions": [{"type": "", "status": ""}]}}),
                "Unknown,SchedulingDisabled",
            ),
            (
                json!({"status": {"conditions": ready("Unknown")}}),
                "NotReady",
            ),
        ];
        for (v, want) in status_cases {
            let n: Node = from(v);
            assert_eq!(node_row(&n, false)[1], want);
        }
        let role_cases: Vec<(Value, &str)> = vec![
            (json!({}), "<none>"),
            (
                json!({"metadata": {"labels": {"node-role.kubernetes.io/master": "", "node-role.kubernetes.io/control-plane": "",
                    "node-role.kubernetes.io/proxy": "", "kubernetes.io/role": "node"}}}),
                "control-plane,master,node,proxy",
            ),
            (
                json!({"metadata": {"labels": {"kubernetes.io/role": "node"}}}),
                "node",
            ),
        ];
        for (v, want) in role_cases {
            let n: Node = from(v);
            assert_eq!(node_row(&n, false)[2], want);
        }
        let n: Node = from(json!({"metadata": {"name": "127.0.0.1"}}));
        assert_eq!(
            cells(&node_row(&n, false)),
            ["127.0.0.1", "Unknown", "<none>", ""]
        );
        let wide: Vec<(Value, Vec<&str>)> = vec![
            (
                json!({"metadata": {"name": "foo1"}, "status": {"addresses": [{"type": "ExternalIP", "address": "1.1.1.1"}]}}),
                vec![
                    "foo1",
                    "Unknown",
                    "<none>",
                    "",
                    "<none>",
                    "1.1.1.1",
                    "<unknown>",
                    "<unknown>",
                    "<unknown>",
                ],
            ),
            (
                json!({"metadata": {"name": "foo2"}, "status": {"addresses": [{"type": "InternalIP", "address": "1.1.1.1"}]}}),
                vec![
                    "foo2",
                    "Unknown",
                    "<none>",
                    "",
                    "1.1.1.1",
                    "<none>",
                    "<unknown>",
                    "<unknown>",
                    "<unknown>",
                ],
            ),
            (
                json!({"metadata": {"name": "foo3"}, "status": {"addresses": [{"type": "ExternalIP", "address": "2.2.2.2"},
                    {"type": "InternalIP", "address": "3.3.3.3"}, {"type": "ExternalIP", "address": "4.4.4.4"}]}}),
                vec![
                    "foo3",
                    "Unknown",
                    "<none>",
                    "",
                    "3.3.3.3",
                    "2.2.2.2",
                    "<unknown>",
                    "<unknown>",
                    "<unknown>",
                ],
            ),
            (
                json!({"metadata": {"name": "foo1"}, "status": {"nodeInfo": {"osImage": "fake-os-image", "kubeletVersion": "v1.34.0"},
                    "addresses": [{"type": "ExternalIP", "address": "1.1.1.1"}]}}),
                vec![
                    "foo1",
                    "Unknown",
                    "<none>",
                    "v1.34.0",
                    "<none>",
                    "1.1.1.1",
                    "fake-os-image",
                    "<unknown>",
                    "<unknown>",
                ],
            ),
            (
                json!({"metadata": {"name": "foo1"}, "status": {"nodeInfo": {"containerRuntimeVersion": "foo://1.2.3", "kernelVersion": "fake-kernel-version"}}}),
                vec![
                    "foo1",
                    "Unknown",
                    "<none>",
                    "",
                    "<none>",
                    "<none>",
                    "<unknown>",
                    "fake-kernel-version",
                    "foo://1.2.3",
                ],
            ),
        ];
        for (v, want) in wide {
            let n: Node = from(v);
            assert_eq!(cells(&node_row(&n, true)), want);
        }
    }

    #[test]
    fn print_deployment_and_replica_set_rows() {
        // printers_test.go TestPrintDeployment ("test1 0/5 2 1") and TestPrintReplicaSet
        // ("test1 5 5 2"), cells without AGE.
        let d: Deployment = from(
            json!({"metadata": {"name": "test1"}, "spec": {"replicas": 5},
            "status": {"replicas": 10, "updatedReplicas": 2, "availableReplicas": 1, "unavailableReplicas": 4}}),
        );
        assert_eq!(cells(&deployment_row(&d)), ["test1", "0/5", "2", "1"]);
        let rs: ReplicaSet = from(
            json!({"metadata": {"name": "test1"}, "spec": {"replicas": 5},
            "status": {"replicas": 5, "readyReplicas": 2}}),
        );
        assert_eq!(cells(&replica_set_row(&rs)), ["test1", "5", "5", "2"]);
    }

    #[test]
    fn tabwriter_alignment() {
        // text/tabwriter with kubectl describe's settings: columns padded by 2 over runs of
        // lines that have the cell; the last cell is never padded.
        assert_eq!(
            tabwrite("a:\tx\nlong key:\ty\n"),
            "a:         x\nlong key:  y\n"
        );
        assert_eq!(
            tabwrite("Endpoints:\t\nIP:\t1\n"),
            "Endpoints:  \nIP:         1\n"
        );
        assert_eq!(
            tabwrite("Port:\tname\t80/TCP\nT:\t9/TCP\nNodePort:\tn\t3/TCP\n"),
            "Port:      name  80/TCP\nT:         9/TCP\nNodePort:  n  3/TCP\n"
        );
        assert_eq!(
            tabwrite("a\tb\nno tabs\nlonger\tc\n"),
            "a  b\nno tabs\nlonger  c\n"
        );
    }

    fn slice(v: Value) -> EndpointSlice {
        from(v)
    }

    /// describe_test.go TestDescribeService's Service spec shared by its cases.
    fn describe_base() -> Value {
        json!({
            "metadata": {"name": "bar", "namespace": "foo"},
            "spec": {
                "type": "LoadBalancer",
                "ports": [{"name": "port-tcp", "port": 8080, "protocol": "TCP", "targetPort": 9527, "nodePort": 31111}],
                "selector": {"blah": "heh"},
                "clusterIP": "1.2.3.4",
                "ipFamilies": ["IPv4"],
                "loadBalancerIP": "5.6.7.8",
                "sessionAffinity": "None",
                "externalTrafficPolicy": "Local",
                "internalTrafficPolicy": "Cluster",
                "healthCheckNodePort": 32222
            }
        })
    }

    fn eps(name: &str, ready: &[(&str, Option<bool>)], proto: &str) -> EndpointSlice {
        let endpoints: Vec<Value> = ready
            .iter()
            .map(|(a, r)| match r {
                Some(r) => json!({"addresses": [a], "conditions": {"ready": r}}),
                None => json!({"addresses": [a]}),
            })
            .collect();
        slice(json!({
            "metadata": {"name": name, "namespace": "foo", "labels": {"kubernetes.io/service-name": "bar"}},
            "addressType": "IPv4",
            "endpoints": endpoints,
            "ports": [{"name": "port-tcp", "port": 9527, "protocol": proto}]
        }))
    }

    #[test]
    fn describe_service_as_upstream() {
        // describe_test.go TestDescribeService, every case, compared in full.
        let t = Some(true);
        let mut cases: Vec<(&str, Value, Vec<EndpointSlice>, &str)> = Vec::new();

        let mut test1 = describe_base();
        test1["status"] =
            json!({"loadBalancer": {"ingress": [{"ip": "5.6.7.8", "ipMode": "VIP"}]}});
        cases.push((
            "test1",
            test1,
            vec![eps(
                "bar-abcde",
                &[("10.244.0.1", t), ("10.244.0.2", t), ("10.244.0.3", t)],
                "TCP",
            )],
            "Name:                     bar
Namespace:                foo
Labels:                   <none>
Annotations:              <none>
Selector:                 blah=heh
Type:                     LoadBalancer
IP Families:              IPv4
IP:                       1.2.3.4
IPs:                      <none>
Desired LoadBalancer IP:  5.6.7.8
LoadBalancer Ingress:     5.6.7.8 (VIP)
Port:                     port-tcp  8080/TCP
TargetPort:               9527/TCP
NodePort:                 port-tcp  31111/TCP
Endpoints:                10.244.0.1:9527,10.244.0.2:9527,10.244.0.3:9527
Session Affinity:         None
External Traffic Policy:  Local
Internal Traffic Policy:  Cluster
HealthCheck NodePort:     32222
Events:                   <none>
",
        ));

        let mut test2 = describe_base();
        test2["spec"]["ports"][0]["targetPort"] = json!("targetPort");
        test2["spec"]["internalTrafficPolicy"] = json!("Local");
        test2["status"] = json!({"loadBalancer": {"ingress": [{"ip": "5.6.7.8"}]}});
        cases.push((
            "test2",
            test2,
            vec![
                eps("bar-12345", &[("10.244.0.1", t), ("10.244.0.2", t)], "UDP"),
                eps(
                    "bar-54321",
                    &[
                        ("10.244.0.3", Some(false)),
                        ("10.244.0.4", t),
                        ("10.244.0.5", t),
                    ],
                    "UDP",
                ),
            ],
            "Name:                     bar
Namespace:                foo
Labels:                   <none>
Annotations:              <none>
Selector:                 blah=heh
Type:                     LoadBalancer
IP Families:              IPv4
IP:                       1.2.3.4
IPs:                      <none>
Desired LoadBalancer IP:  5.6.7.8
LoadBalancer Ingress:     5.6.7.8
Port:                     port-tcp  8080/TCP
TargetPort:               targetPort/TCP
NodePort:                 port-tcp  31111/TCP
Endpoints:                10.244.0.1:9527,10.244.0.2:9527,10.244.0.4:9527 + 1 more...
Session Affinity:         None
External Traffic Policy:  Local
Internal Traffic Policy:  Local
HealthCheck NodePort:     32222
Events:                   <none>
",
        ));

        cases.push((
            "test-ready-field-empty",
            describe_base(),
            vec![eps("bar-abcdef", &[("10.244.0.1", None)], "TCP")],
            "Name:                     bar
Namespace:                foo
Labels:                   <none>
Annotations:              <none>
Selector:                 blah=heh
Type:                     LoadBalancer
IP Families:              IPv4
IP:                       1.2.3.4
IPs:                      <none>
Desired LoadBalancer IP:  5.6.7.8
Port:                     port-tcp  8080/TCP
TargetPort:               9527/TCP
NodePort:                 port-tcp  31111/TCP
Endpoints:                10.244.0.1:9527
Session Affinity:         None
External Traffic Policy:  Local
Internal Traffic Policy:  Cluster
HealthCheck NodePort:     32222
Events:                   <none>
",
        ));

        let mut fam = describe_base();
        fam["spec"]["ports"][0]["targetPort"] = json!("targetPort");
        fam["spec"]
            .as_object_mut()
            .map(|m| m.remove("internalTrafficPolicy"));
        cases.push((
            "test-ServiceIPFamily",
            fam.clone(),
            vec![eps("bar-123ab", &[("10.244.0.1", t)], "TCP")],
            "Name:                     bar
Namespace:                foo
Labels:                   <none>
Annotations:              <none>
Selector:                 blah=heh
Type:                     LoadBalancer
IP Families:              IPv4
IP:                       1.2.3.4
IPs:                      <none>
Desired LoadBalancer IP:  5.6.7.8
Port:                     port-tcp  8080/TCP
TargetPort:               targetPort/TCP
NodePort:                 port-tcp  31111/TCP
Endpoints:                10.244.0.1:9527
Session Affinity:         None
External Traffic Policy:  Local
HealthCheck NodePort:     32222
Events:                   <none>
",
        ));

        let mut policy = fam.clone();
        policy["spec"]["ipFamilyPolicy"] = json!("SingleStack");
        policy["spec"]["clusterIPs"] = json!(["1.2.3.4"]);
        cases.push((
            "test-ServiceIPFamilyPolicy+ClusterIPs",
            policy,
            vec![],
            "Name:                     bar
Namespace:                foo
Labels:                   <none>
Annotations:              <none>
Selector:                 blah=heh
Type:                     LoadBalancer
IP Family Policy:         SingleStack
IP Families:              IPv4
IP:                       1.2.3.4
IPs:                      1.2.3.4
Desired LoadBalancer IP:  5.6.7.8
Port:                     port-tcp  8080/TCP
TargetPort:               targetPort/TCP
NodePort:                 port-tcp  31111/TCP
Endpoints:                <none>
Session Affinity:         None
External Traffic Policy:  Local
HealthCheck NodePort:     32222
Events:                   <none>
",
        ));

        let mut td = fam;
        td["spec"]["trafficDistribution"] = json!("PreferClose");
        cases.push((
            "test-TrafficDistribution",
            td,
            vec![],
            "Name:                     bar
Namespace:                foo
Labels:                   <none>
Annotations:              <none>
Selector:                 blah=heh
Type:                     LoadBalancer
IP Families:              IPv4
IP:                       1.2.3.4
IPs:                      <none>
Desired LoadBalancer IP:  5.6.7.8
Port:                     port-tcp  8080/TCP
TargetPort:               targetPort/TCP
NodePort:                 port-tcp  31111/TCP
Endpoints:                <none>
Session Affinity:         None
External Traffic Policy:  Local
HealthCheck NodePort:     32222
Traffic Distribution:     PreferClose
Events:                   <none>
",
        ));

        let mut app = describe_base();
        app["spec"]["ports"][0]["appProtocol"] = json!("example.com/custom-protocol");
        app["status"] = json!({"loadBalancer": {"ingress": [{"ip": "5.6.7.8", "ipMode": "VIP"}]}});
        cases.push((
            "test-AppProtocol",
            app,
            vec![eps(
                "bar-abcde",
                &[("10.244.0.1", t), ("10.244.0.2", t), ("10.244.0.3", t)],
                "TCP",
            )],
            "Name:                     bar
Namespace:                foo
Labels:                   <none>
Annotations:              <none>
Selector:                 blah=heh
Type:                     LoadBalancer
IP Families:              IPv4
IP:                       1.2.3.4
IPs:                      <none>
Desired LoadBalancer IP:  5.6.7.8
LoadBalancer Ingress:     5.6.7.8 (VIP)
Port:                     port-tcp  8080/TCP
TargetPort:               9527/TCP
AppProtocol:              example.com/custom-protocol
NodePort:                 port-tcp  31111/TCP
Endpoints:                10.244.0.1:9527,10.244.0.2:9527,10.244.0.3:9527
Session Affinity:         None
External Traffic Policy:  Local
Internal Traffic Policy:  Cluster
HealthCheck NodePort:     32222
Events:                   <none>
",
        ));

        for (name, s, slices, want) in cases {
            let s = svc(s);
            let refs: Vec<&EndpointSlice> = slices.iter().collect();
            assert_eq!(describe_service_text(&s, &refs), want, "{name}");
        }
    }

    #[test]
    fn describe_service_narrow_labels_and_headless() {
        // describeService on a ClusterIP Service: the label column is only as wide as its
        // widest label (tabwriter), labels and annotations continue on indented lines, a
        // headless slice without ports lists bare addresses (formatEndpointSlices).
        let s = svc(json!({
            "metadata": {"name": "db", "namespace": "default", "labels": {"app": "db", "tier": "data"},
                "annotations": {"a": "1", "kubectl.kubernetes.io/last-applied-configuration": "{}"}},
            "spec": {"type": "ClusterIP", "clusterIP": "None", "clusterIPs": ["None"], "ipFamilies": ["IPv4"],
                "ipFamilyPolicy": "SingleStack", "selector": {"app": "db"}, "sessionAffinity": "None",
                "internalTrafficPolicy": "Cluster"}
        }));
        let sl = slice(
            json!({"metadata": {"name": "db-x"}, "addressType": "IPv4", "endpoints": [
            {"addresses": ["10.0.0.1"]}, {"addresses": ["10.0.0.2"], "conditions": {"ready": false}},
            {"addresses": ["10.0.0.3"]}, {"addresses": ["10.0.0.4"]}, {"addresses": ["10.0.0.5"]}]}),
        );
        let text = describe_service_text(&s, &[&sl]);
        assert_eq!(
            text,
            "Name:                     db
Namespace:                default
Labels:                   app=db
                          tier=data
Annotations:              a: 1
Selector:                 app=db
Type:                     ClusterIP
IP Family Policy:         SingleStack
IP Families:              IPv4
IP:                       None
IPs:                      None
Session Affinity:         None
Internal Traffic Policy:  Cluster
Events:                   <none>
"
        );
        let no_policy = svc(json!({"metadata": {"name": "x", "namespace": "n"},
            "spec": {"type": "ClusterIP", "clusterIP": "10.0.0.9", "clusterIPs": ["10.0.0.9"], "sessionAffinity": "None",
                "ports": [{"port": 53, "protocol": "UDP", "targetPort": 53}]}}));
        assert_eq!(
            describe_service_text(&no_policy, &[&sl]),
            "Name:              x
Namespace:         n
Labels:            <none>
Annotations:       <none>
Selector:          <none>
Type:              ClusterIP
IP Families:       <none>
IP:                10.0.0.9
IPs:               10.0.0.9
Port:              <unset>  53/UDP
TargetPort:        53/UDP
Endpoints:         10.0.0.1,10.0.0.3,10.0.0.4 + 1 more...
Session Affinity:  None
Events:            <none>
"
        );
    }

    #[test]
    fn format_endpoint_slices_quirks() {
        // formatEndpointSlices: `more` is set on the fourth endpoint seen even when it is not
        // ready, and the count covers only ready ones; IPv6 addresses are bracketed.
        let sl = eps(
            "s",
            &[
                ("10.0.0.1", Some(true)),
                ("10.0.0.2", None),
                ("fd00::3", None),
                ("10.0.0.4", Some(false)),
            ],
            "TCP",
        );
        assert_eq!(
            format_endpoint_slices(&[&sl], "port-tcp"),
            "10.0.0.1:9527,10.0.0.2:9527,[fd00::3]:9527 + 0 more..."
        );
        assert_eq!(format_endpoint_slices(&[&sl], "other"), "");
        assert_eq!(format_endpoint_slices(&[], "port-tcp"), "<none>");
    }

    #[test]
    fn tables_of_the_default_scenario() {
        let t = Tables::new(&cluster(NODEPORT));
        let row = t
            .services
            .rows
            .iter()
            .find(|r| r[1] == "myapp")
            .expect("service/myapp");
        assert_eq!(row[2], "NodePort");
        assert_eq!(row[4], "<none>");
        assert_eq!(row[5], "80:30008/TCP");
        assert_eq!(row[6], "app=myapp");
        let pods: Vec<_> = t
            .pods
            .rows
            .iter()
            .filter(|r| r[1].starts_with("myapp-"))
            .collect();
        assert_eq!(pods.len(), 6);
        for p in pods {
            assert_eq!((p[2].as_str(), p[3].as_str()), ("1/1", "Running"));
            assert!(p[6].starts_with("node0"), "scheduled on a worker: {}", p[6]);
            assert_eq!((p[7].as_str(), p[8].as_str()), ("<none>", "<none>"));
        }
        for table in [
            &t.services,
            &t.pods,
            &t.endpoint_slices,
            &t.deployments,
            &t.stateful_sets,
            &t.daemon_sets,
            &t.nodes,
        ] {
            for r in &table.rows {
                assert_eq!(table.headers.len(), r.len(), "{:?}", table.headers);
            }
        }
        let node = t
            .nodes
            .rows
            .iter()
            .find(|r| r[0] == "node01")
            .expect("node01");
        assert_eq!(node[1], "Ready");
        assert_eq!(node[4], "<none>");
    }

    #[test]
    fn print_stateful_set_and_daemon_set_rows() {
        // printers_test.go TestPrintStatefulSet ("test1 2/5") and TestPrintDaemonSet
        // ("test1 3 2 1 2 0 <none>"), cells without AGE.
        let s: StatefulSet = from(
            json!({"metadata": {"name": "test1"}, "spec": {"replicas": 5},
            "status": {"replicas": 5, "readyReplicas": 2, "updatedReplicas": 2}}),
        );
        assert_eq!(cells(&stateful_set_row(&s)), ["test1", "2/5"]);
        let d: DaemonSet = from(json!({"metadata": {"name": "test1"},
            "status": {"currentNumberScheduled": 2, "desiredNumberScheduled": 3,
                       "numberReady": 1, "updatedNumberScheduled": 2, "numberAvailable": 0,
                       "numberMisscheduled": 0}}));
        assert_eq!(
            cells(&daemon_set_row(&d)),
            ["test1", "3", "2", "1", "2", "0", "<none>"]
        );
        let mut sel = d.clone();
        sel.spec
            .template
            .spec
            .node_selector
            .insert("disk".into(), "ssd".into());
        assert_eq!(daemon_set_row(&sel)[6], "disk=ssd");
        // Both tables over a cluster that runs them.
        let t = Tables::new(&cluster(
            "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: web}\nspec:\n  serviceName: web\n  replicas: 2\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: nginx}]}\n---\napiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent}\nspec:\n  selector: {matchLabels: {app: agent}}\n  template:\n    metadata: {labels: {app: agent}}\n    spec: {containers: [{name: c, image: busybox}]}\n",
        ));
        assert_eq!(t.stateful_sets.rows, [["default", "web", "2/2"]]);
        let ds = t
            .daemon_sets
            .rows
            .iter()
            .find(|r| r[1] == "agent")
            .expect("agent");
        assert_eq!(
            cells(ds),
            ["default", "agent", "3", "3", "3", "3", "3", "<none>"]
        );
    }

    #[test]
    fn describe_lists_ready_endpoints() {
        let c = cluster(NODEPORT);
        let text = describe_service(&c, "default", "myapp").expect("described");
        assert!(
            text.contains("Type:                     NodePort\n"),
            "{text}"
        );
        assert!(
            text.contains("NodePort:                 <unset>  30008/TCP\n"),
            "{text}"
        );
        let endpoints = text
            .lines()
            .find(|l| l.starts_with("Endpoints:"))
            .expect("an Endpoints line");
        assert!(endpoints.ends_with(" + 3 more..."), "{endpoints}");
        assert!(describe_service(&c, "default", "nope").is_none());
    }

    #[test]
    fn label_selectors_print_as_kubectl_does() {
        // staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go FormatLabelSelector,
        // pkg/labels/selector.go Requirement.String (sorted keys and values).
        let sel = |v: Value| -> LabelSelector { serde_json::from_value(v).unwrap() };
        assert_eq!(format_label_selector(&sel(json!({}))), "<none>");
        assert_eq!(
            format_label_selector(&sel(json!({"matchLabels": {"role": "frontend"}}))),
            "role=frontend"
        );
        assert_eq!(
            format_label_selector(&sel(json!({
                "matchLabels": {"tier": "web"},
                "matchExpressions": [
                    {"key": "env", "operator": "In", "values": ["prod", "dev"]},
                    {"key": "zone", "operator": "DoesNotExist"},
                    {"key": "app", "operator": "Exists"},
                    {"key": "x", "operator": "NotIn", "values": ["b", "a"]}
                ]
            }))),
            "app,env in (dev,prod),tier=web,x notin (a,b),!zone"
        );
    }

    #[test]
    fn describe_shows_no_endpoints_for_a_selector_typo() {
        let c = cluster(&NODEPORT.replace("    app: myapp\n  ports", "    app: myap\n  ports"));
        let text = describe_service(&c, "default", "myapp").expect("described");
        let line = text
            .lines()
            .find(|l| l.starts_with("Endpoints:"))
            .expect("line");
        assert_eq!(line.trim_end(), "Endpoints:", "{text}");
        assert!(text.contains("Selector:                 app=myap\n"));
    }
}
