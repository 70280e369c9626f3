//! The resource half of the scheduler's `NodeResourcesFit` filter
//! (`pkg/scheduler/framework/plugins/noderesources/fit.go` `fitsRequest`, with the pod's
//! requests from `k8s.io/component-helpers/resource` `PodRequests`):
//!
//! * a pod's request per resource is the sum over its containers, raised to what any init
//!   container needs while it runs (sidecars — `restartPolicy: Always` init containers — keep
//!   running and count for everything after them), plus the pod's `overhead`;
//! * a node fits when, for each resource the pod requests, the request is at most the node's
//!   allocatable minus what the pods already bound there request: otherwise the node reports
//!   `Insufficient cpu` (`memory`, `ephemeral-storage`, or the extended resource's name).
//!
//! Choice: a node whose `status.allocatable` does not list a resource is taken to have room for
//! it (nodes written without a status, and the default nodes, are not meant to be full); a node
//! that lists it is held to it.

use serde_json::Value;
use svcplay_model::quantity::Quantity;
use svcplay_model::types::{Node, Pod};

/// Requests per resource name: millicores for `cpu`, whole units (rounded up) for the rest.
///
/// A vector sorted by name (a pod names a handful of resources): the map operations the
/// scheduler needs, without a B-tree instantiated for it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Requests(Vec<(String, i64)>);

impl Requests {
    /// No requests.
    pub fn new() -> Self {
        Requests(Vec::new())
    }

    fn find(&self, name: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(name))
    }

    /// The amount of `name`.
    pub fn get(&self, name: &str) -> Option<&i64> {
        self.find(name).ok().map(|i| &self.0[i].1)
    }

    /// The amount of `name`, inserted as 0 when missing.
    fn slot(&mut self, name: &str) -> &mut i64 {
        let i = match self.find(name) {
            Ok(i) => i,
            Err(i) => {
                self.0.insert(i, (name.to_string(), 0));
                i
            }
        };
        &mut self.0[i].1
    }

    /// Sets `name` to `amount`.
    pub fn insert(&mut self, name: String, amount: i64) {
        match self.find(&name) {
            Ok(i) => self.0[i].1 = amount,
            Err(i) => self.0.insert(i, (name, amount)),
        }
    }

    /// Removes `name`.
    pub fn remove(&mut self, name: &str) {
        if let Ok(i) = self.find(name) {
            self.0.remove(i);
        }
    }

    /// Whether nothing is requested.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `(name, amount)` by name.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &i64)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// The resource names, sorted.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }
}

impl FromIterator<(String, i64)> for Requests {
    /// Like a map's `collect`: a later amount for the same name replaces the earlier one.
    fn from_iter<I: IntoIterator<Item = (String, i64)>>(iter: I) -> Self {
        let mut r = Requests::new();
        for (k, v) in iter {
            r.insert(k, v);
        }
        r
    }
}

impl std::ops::Index<&str> for Requests {
    type Output = i64;

    fn index(&self, name: &str) -> &i64 {
        self.get(name).expect("requested resource")
    }
}

fn amount(name: &str, q: &Quantity) -> i64 {
    if name == "cpu" {
        q.scaled_value(-3)
    } else {
        q.scaled_value(0)
    }
}

/// The parsed entries of a `ResourceList` value.
fn list(v: Option<&Value>) -> Requests {
    v.and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter_map(|(k, v)| {
            let q = Quantity::parse(v.as_str()?).ok()?;
            Some((k.clone(), amount(k, &q)))
        })
        .collect()
}

pub fn add(to: &mut Requests, from: &Requests) {
    for (k, v) in from.iter() {
        let e = to.slot(k);
        *e = e.saturating_add(*v);
    }
}

fn max_into(to: &mut Requests, from: &Requests) {
    for (k, v) in from.iter() {
        let e = to.slot(k);
        *e = (*e).max(*v);
    }
}

/// `PodRequests`: what the scheduler reserves for `pod` on a node.
pub fn pod_requests(pod: &Pod) -> Requests {
    let requests = |c: &svcplay_model::types::Container| {
        list(c.other.get("resources").and_then(|r| r.get("requests")))
    };
    let mut reqs = Requests::new();
    for c in &pod.spec.containers {
        add(&mut reqs, &requests(c));
    }
    let mut sidecars = Requests::new();
    let mut init = Requests::new();
    for c in &pod.spec.init_containers {
        let r = requests(c);
        let running = if c.restart_policy.as_deref() == Some("Always") {
            add(&mut reqs, &r);
            add(&mut sidecars, &r);
            sidecars.clone()
        } else {
            let mut tmp = r;
            add(&mut tmp, &sidecars);
            tmp
        };
        max_into(&mut init, &running);
    }
    max_into(&mut reqs, &init);
    add(&mut reqs, &list(pod.spec.other.get("overhead")));
    reqs.0.retain(|(_, v)| *v != 0);
    reqs
}

/// The node's allocatable resources (those it lists; `pods` aside, the scheduler counts pods).
pub fn allocatable(node: &Node) -> Requests {
    let mut a = list(node.status.allocatable.as_ref());
    a.remove("pods");
    a
}

/// `fitsRequest`'s resource reasons: each resource the pod requests more of than `alloc` has
/// left after `used`, as `Insufficient <name>`, in upstream's order (cpu, memory,
/// ephemeral-storage, then the rest by name).
pub fn insufficient(req: &Requests, alloc: &Requests, used: &Requests) -> Vec<String> {
    let order = |n: &str| match n {
        "cpu" => 0,
        "memory" => 1,
        "ephemeral-storage" => 2,
        _ => 3,
    };
    let mut names: Vec<&String> = req.keys().collect();
    names.sort_by_key(|n| (order(n), n.as_str()));
    names
        .into_iter()
        .filter(|n| {
            let Some(have) = alloc.get(n) else {
                return false;
            };
            let left = have.saturating_sub(used.get(n).copied().unwrap_or(0));
            req[*n] > 0 && req[*n] > left
        })
        .map(|n| format!("Insufficient {n}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pod(v: Value) -> Pod {
        serde_json::from_value(v).unwrap()
    }

    // component-helpers resource/helpers_test.go TestPodRequests-like cases.
    #[test]
    fn requests_sum_containers_and_take_the_init_maximum() {
        let p = pod(json!({"spec": {
            "containers": [
                {"name": "a", "resources": {"requests": {"cpu": "100m", "memory": "1Gi"}}},
                {"name": "b", "resources": {"requests": {"cpu": "200m"}}}
            ],
            "initContainers": [
                {"name": "i", "resources": {"requests": {"cpu": "1", "memory": "10Mi"}}}
            ],
            "overhead": {"cpu": "10m"}
        }}));
        let r = pod_requests(&p);
        assert_eq!(r["cpu"], 1010);
        assert_eq!(r["memory"], 1 << 30);
    }

    // "restartable init container" cases: sidecars add to the pod and to later init containers.
    #[test]
    fn sidecars_count_for_later_init_containers() {
        let p = pod(json!({"spec": {
            "containers": [{"name": "a", "resources": {"requests": {"cpu": "1"}}}],
            "initContainers": [
                {"name": "s", "restartPolicy": "Always", "resources": {"requests": {"cpu": "1"}}},
                {"name": "i", "resources": {"requests": {"cpu": "2"}}}
            ]
        }}));
        // Running: 1 (app) + 1 (sidecar) = 2; while `i` runs: 2 + 1 = 3.
        assert_eq!(pod_requests(&p)["cpu"], 3000);
    }

    // fit_test.go TestEnoughRequests: reasons per resource, unlisted resources fit.
    #[test]
    fn insufficient_resources() {
        let r = |pairs: &[(&str, i64)]| -> Requests {
            pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
        };
        let req = r(&[("cpu", 1000), ("memory", 1 << 20), ("example.com/foo", 1)]);
        let alloc = r(&[("cpu", 2000), ("memory", 1 << 20)]);
        assert!(insufficient(&req, &alloc, &r(&[])).is_empty());
        assert_eq!(
            insufficient(&req, &alloc, &r(&[("cpu", 1500), ("memory", 1)])),
            ["Insufficient cpu", "Insufficient memory"]
        );
        let with_foo = r(&[("cpu", 2000), ("example.com/foo", 0)]);
        assert_eq!(
            insufficient(&req, &with_foo, &r(&[])),
            ["Insufficient example.com/foo"]
        );
    }
}
