//! Hand-written `Deserialize` impls for the types whose derived impl would go through serde's
//! private `Content` buffer: structs with a `#[serde(flatten)]` catch-all and the untagged enums.
//! They decode exactly as the derived impls did (same visitor calls on the deserializer, same
//! results and errors), but capture unknown or undecided values as `serde_json::Value`, whose
//! deserialization is compiled anyway; serde's `Content` machinery (tens of KB of wasm) is
//! then not compiled at all. Serialization stays derived.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, Error as _, MapAccess, Visitor};
use serde_json::Value;

use crate::types::{
    ClusterConfiguration, Container, ControlPlaneComponent, DaemonSetStatus, DeploymentSpec,
    ExtraArg, ExtraArgs, IntOrString, KubeProxyConfiguration, KubeProxyIPTablesConfiguration,
    PodSpec, PodStatus, ReplicaSetSpec, StatefulSetSpec, StatefulSetStatus, StringMap,
    WorkloadStatus,
};

/// A key of a struct with a catch-all: the index of a known field, or the key itself.
enum Key {
    Known(usize),
    Other(String),
}

/// Reads a key as the derived field identifier does (`deserialize_identifier`).
struct KeySeed(&'static [&'static str]);

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Key, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field identifier")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Key, E> {
        Ok(match self.0.iter().position(|k| *k == v) {
            Some(i) => Key::Known(i),
            None => Key::Other(v.to_string()),
        })
    }
}

/// `impl Deserialize` for a struct whose last field is a flattened catch-all: the derived
/// impl's behaviour (all other fields `#[serde(default)]`; `deserialize_map` with a visitor
/// expecting `struct Name`; a repeated known field is an error; unknown keys go to the
/// catch-all, a repeated one keeping its last value).
macro_rules! flat_struct {
    ($t:ident { $($field:ident: $key:literal),* $(,)? } $other:ident) => {
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> Visitor<'de> for V {
                    type Value = $t;

                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str(concat!("struct ", stringify!($t)))
                    }

                    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<$t, A::Error> {
                        const KEYS: &[&str] = &[$($key),*];
                        let mut out = $t::default();
                        let mut seen = [false; KEYS.len()];
                        let mut other = BTreeMap::new();
                        while let Some(key) = map.next_key_seed(KeySeed(KEYS))? {
                            let i = match key {
                                Key::Known(i) => i,
                                Key::Other(k) => {
                                    other.insert(k, map.next_value::<Value>()?);
                                    continue;
                                }
                            };
                            if std::mem::replace(&mut seen[i], true) {
                                return Err(A::Error::duplicate_field(KEYS[i]));
                            }
                            let mut n = 0;
                            $(
                                if i == n {
                                    out.$field = map.next_value()?;
                                }
                                n += 1;
                            )*
                            let _ = n;
                        }
                        out.$other = From::from(other);
                        Ok(out)
                    }
                }
                d.deserialize_map(V)
            }
        }
    };
}

flat_struct!(Container {
    name: "name",
    image: "image",
    ports: "ports",
    restart_policy: "restartPolicy",
} other);

flat_struct!(PodSpec {
    containers: "containers",
    init_containers: "initContainers",
    node_name: "nodeName",
    node_selector: "nodeSelector",
    hostname: "hostname",
    subdomain: "subdomain",
    host_network: "hostNetwork",
    restart_policy: "restartPolicy",
} other);

flat_struct!(PodStatus {
    phase: "phase",
    conditions: "conditions",
    host_ip: "hostIP",
    pod_ip: "podIP",
    pod_ips: "podIPs",
    start_time: "startTime",
} other);

flat_struct!(DeploymentSpec {
    replicas: "replicas",
    selector: "selector",
    template: "template",
} other);

flat_struct!(WorkloadStatus {
    observed_generation: "observedGeneration",
    replicas: "replicas",
    ready_replicas: "readyReplicas",
    available_replicas: "availableReplicas",
    updated_replicas: "updatedReplicas",
    conditions: "conditions",
} other);

flat_struct!(ReplicaSetSpec {
    replicas: "replicas",
    selector: "selector",
    template: "template",
} other);

flat_struct!(StatefulSetSpec {
    replicas: "replicas",
    selector: "selector",
    template: "template",
    service_name: "serviceName",
    pod_management_policy: "podManagementPolicy",
    update_strategy: "updateStrategy",
    revision_history_limit: "revisionHistoryLimit",
    min_ready_seconds: "minReadySeconds",
    persistent_volume_claim_retention_policy: "persistentVolumeClaimRetentionPolicy",
    ordinals: "ordinals",
} other);

flat_struct!(StatefulSetStatus {
    observed_generation: "observedGeneration",
    replicas: "replicas",
    ready_replicas: "readyReplicas",
    current_replicas: "currentReplicas",
    updated_replicas: "updatedReplicas",
    current_revision: "currentRevision",
    update_revision: "updateRevision",
    collision_count: "collisionCount",
    available_replicas: "availableReplicas",
} other);

flat_struct!(DaemonSetStatus {
    current_number_scheduled: "currentNumberScheduled",
    number_misscheduled: "numberMisscheduled",
    desired_number_scheduled: "desiredNumberScheduled",
    number_ready: "numberReady",
    observed_generation: "observedGeneration",
    updated_number_scheduled: "updatedNumberScheduled",
    number_available: "numberAvailable",
    number_unavailable: "numberUnavailable",
    collision_count: "collisionCount",
} other);

flat_struct!(ControlPlaneComponent {
    extra_args: "extraArgs",
} other);

flat_struct!(ClusterConfiguration {
    api_version: "apiVersion",
    kind: "kind",
    networking: "networking",
    api_server: "apiServer",
    cluster_name: "clusterName",
    kubernetes_version: "kubernetesVersion",
} other);

flat_struct!(KubeProxyIPTablesConfiguration {
    masquerade_all: "masqueradeAll",
    masquerade_bit: "masqueradeBit",
    localhost_node_ports: "localhostNodePorts",
} other);

flat_struct!(KubeProxyConfiguration {
    api_version: "apiVersion",
    kind: "kind",
    mode: "mode",
    cluster_cidr: "clusterCIDR",
    detect_local_mode: "detectLocalMode",
    iptables: "iptables",
    node_port_addresses: "nodePortAddresses",
    hostname_override: "hostnameOverride",
} other);

/// The error of an untagged enum none of whose variants fits (the derived impl's text).
fn no_variant<E: de::Error>(name: &str) -> E {
    E::custom(format_args!(
        "data did not match any variant of untagged enum {name}"
    ))
}

// Untagged `Int(i32) | String(String)`: the value is read once (as the derived impl buffers it)
// and then offered to each variant in order.
impl<'de> Deserialize<'de> for IntOrString {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Value::deserialize(d)? {
            Value::Number(n) => match n.as_i64().map(i32::try_from) {
                Some(Ok(i)) => Ok(IntOrString::Int(i)),
                _ => Err(no_variant("IntOrString")),
            },
            Value::String(s) => Ok(IntOrString::String(s)),
            _ => Err(no_variant("IntOrString")),
        }
    }
}

// Untagged `Map(StringMap) | List(Vec<ExtraArg>)`, likewise.
impl<'de> Deserialize<'de> for ExtraArgs {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        if let Ok(m) = StringMap::deserialize(&v) {
            return Ok(ExtraArgs::Map(m));
        }
        match Vec::<ExtraArg>::deserialize(&v) {
            Ok(l) => Ok(ExtraArgs::List(l)),
            Err(_) => Err(no_variant("ExtraArgs")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err<T: for<'de> Deserialize<'de> + fmt::Debug>(json: &str) -> String {
        serde_json::from_str::<T>(json).unwrap_err().to_string()
    }

    // What the derived impls (flatten / untagged) gave, checked against them when these impls
    // replaced them.
    #[test]
    fn flat_struct_known_unknown_and_repeated_fields() {
        let c: Container =
            serde_json::from_str(r#"{"name":"a","image":"i","tty":true,"env":[{"name":"X"}]}"#)
                .expect("decodes");
        assert_eq!(c.name, "a");
        assert_eq!(c.image, "i");
        assert_eq!(c.other.get("tty"), Some(&Value::Bool(true)));
        assert_eq!(c.other.len(), 2);
        // A repeated catch-all key keeps its last value; a repeated field is an error.
        let c: Container = serde_json::from_str(r#"{"tty":true,"tty":false}"#).expect("decodes");
        assert_eq!(c.other.get("tty"), Some(&Value::Bool(false)));
        assert_eq!(
            err::<Container>(r#"{"name":"a","name":"b"}"#),
            "duplicate field `name` at line 1 column 18"
        );
        assert_eq!(
            err::<PodSpec>(r#"{"hostNetwork":"yes"}"#),
            "invalid type: string \"yes\", expected a boolean at line 1 column 20"
        );
        assert_eq!(
            err::<PodStatus>("[]"),
            "invalid type: sequence, expected struct PodStatus at line 1 column 0"
        );
        let s: KubeProxyConfiguration =
            serde_json::from_str(r#"{"clusterCIDR":"10.0.0.0/8","x":1}"#).expect("decodes");
        assert_eq!(s.cluster_cidr, "10.0.0.0/8");
        assert_eq!(s.other.get("x"), Some(&Value::from(1)));
    }

    #[test]
    fn untagged_enums() {
        let v: Vec<IntOrString> = serde_json::from_str(r#"[8080, "http", "80"]"#).expect("ok");
        assert_eq!(
            v,
            [
                IntOrString::Int(8080),
                IntOrString::String("http".into()),
                IntOrString::String("80".into())
            ]
        );
        for bad in ["2147483648", "1.5", "true", "null", "{}"] {
            assert_eq!(
                err::<IntOrString>(bad),
                "data did not match any variant of untagged enum IntOrString",
                "{bad}"
            );
        }
        let m: ExtraArgs = serde_json::from_str(r#"{"v":"2"}"#).expect("map");
        assert_eq!(m.get("v"), Some("2"));
        let l: ExtraArgs =
            serde_json::from_str(r#"[{"name":"v","value":"1"},["v","3"]]"#).expect("list");
        assert_eq!(l.get("v"), Some("3"));
        for bad in [r#"{"v":2}"#, r#"[{"name":"v"}]"#, r#""x""#] {
            assert_eq!(
                err::<ExtraArgs>(bad),
                "data did not match any variant of untagged enum ExtraArgs",
                "{bad}"
            );
        }
    }
}
