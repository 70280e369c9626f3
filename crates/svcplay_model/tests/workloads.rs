//! StatefulSet and DaemonSet: decode (positions, schema checks of the verbatim parts and the pod
//! template), defaults (`pkg/apis/apps/v1/defaults.go`) and create validation
//! (`pkg/apis/apps/validation/validation.go`). Each case cites the upstream test it follows.

use serde_json::json;
use svcplay_model::defaults::default_object;
use svcplay_model::types::*;
use svcplay_model::validation::validate_object;
use svcplay_model::{Severity, decode};

const STS: &str = "\
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
  namespace: default
spec:
  serviceName: web
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ReadWriteOnce]
      resources:
        requests:
          storage: 1024Mi
";

const DS: &str = "\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  namespace: default
spec:
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
      containers:
      - name: agent
        image: busybox
";

fn decoded(text: &str) -> Object {
    let out = decode("w.yaml", text);
    let errs: Vec<_> = out
        .all_diagnostics()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.message.clone())
        .collect();
    assert!(errs.is_empty(), "{errs:?}");
    out.documents[0].object.clone().expect("decoded")
}

fn sts() -> StatefulSet {
    match decoded(STS) {
        Object::StatefulSet(s) => s,
        o => panic!("{o:?}"),
    }
}

fn ds() -> DaemonSet {
    match decoded(DS) {
        Object::DaemonSet(d) => d,
        o => panic!("{o:?}"),
    }
}

/// A table case: name, tweak of the valid object, expected messages.
type Case<T> = (&'static str, Box<dyn FnOnce(&mut T)>, Vec<&'static str>);

fn msgs(mut o: Object) -> Vec<String> {
    default_object(&mut o);
    validate_object(&o).iter().map(|e| e.message()).collect()
}

fn sts_msgs(f: impl FnOnce(&mut StatefulSet)) -> Vec<String> {
    let mut s = sts();
    f(&mut s);
    msgs(Object::StatefulSet(s))
}

fn ds_msgs(f: impl FnOnce(&mut DaemonSet)) -> Vec<String> {
    let mut d = ds();
    f(&mut d);
    msgs(Object::DaemonSet(d))
}

#[test]
fn decode_typed_fields_positions_and_verbatim_claims() {
    let out = decode("w.yaml", STS);
    let d = &out.documents[0];
    let Some(Object::StatefulSet(s)) = &d.object else {
        panic!("{d:?}")
    };
    assert_eq!(s.spec.service_name, "web");
    assert_eq!(s.spec.replicas, Some(3));
    assert_eq!(s.spec.template.spec.containers[0].image, "nginx:1.27");
    // Quantities inside the claim templates are canonicalized like any other.
    assert_eq!(
        s.spec.other["volumeClaimTemplates"][0]["spec"]["resources"]["requests"]["storage"],
        "1Gi"
    );
    assert_eq!(d.source.get("spec.serviceName").map(|s| s.line), Some(7));
    assert_eq!(
        d.source
            .get("spec.template.spec.containers[0].image")
            .map(|s| s.line),
        Some(19)
    );
}

// The JSON decode of the Go types: unknown fields are warnings with a hint, wrong types fail,
// in the typed parts, the verbatim claim templates and the pod template alike.
#[test]
fn decode_checks_typed_verbatim_and_template_parts() {
    let warn = |text: &str| -> Vec<String> {
        decode("w.yaml", text)
            .all_diagnostics()
            .map(|d| d.message.clone())
            .collect()
    };
    assert_eq!(
        warn(&STS.replace("  serviceName: web", "  serviceNam: web")),
        ["unknown field \"spec.serviceNam\""]
    );
    assert_eq!(
        warn(&STS.replace("      accessModes", "      accesModes")),
        ["unknown field \"spec.volumeClaimTemplates[0].spec.accesModes\""]
    );
    assert_eq!(
        warn(&STS.replace("        image: nginx:1.27", "        imag: nginx:1.27")),
        ["unknown field \"spec.template.spec.containers[0].imag\""]
    );
    assert_eq!(
        warn(&DS.replace(
            "  selector:",
            "  updateStrategy: {type: OnDelete, rollingUpdat: {}}\n  selector:"
        )),
        ["unknown field \"spec.updateStrategy.rollingUpdat\""]
    );
    assert_eq!(
        warn(&STS.replace("  replicas: 3", "  replicas: three")),
        [
            "StatefulSet in version \"v1\" cannot be handled as a StatefulSet: json: cannot unmarshal string into Go struct field StatefulSetSpec.spec.replicas of type int32"
        ]
    );
    assert_eq!(
        warn(&STS.replace("      name: www", "      name: www\n    status: {phase: 1}")),
        Vec::<String>::new(),
        "a claim template's status is not checked"
    );
    assert_eq!(
        warn(&DS.replace(
            "kind: DaemonSet",
            "kind: DaemonSet\nstatus: {numberReady: x}"
        )),
        [
            "DaemonSet in version \"v1\" cannot be handled as a DaemonSet: json: cannot unmarshal string into Go struct field DaemonSetStatus.status.numberReady of type int32"
        ]
    );
}

// defaults_test.go TestSetDefaultStatefulSet: podManagementPolicy OrderedReady, updateStrategy
// RollingUpdate with partition 0, replicas 1, revisionHistoryLimit 10, PVC retention
// Retain/Retain (StatefulSetAutoDeletePVC on); the template gets the pod spec defaults.
#[test]
fn stateful_set_defaults() {
    let mut o = Object::StatefulSet(StatefulSet::default());
    default_object(&mut o);
    let Object::StatefulSet(s) = o else { panic!() };
    let v = serde_json::to_value(&s.spec).unwrap();
    assert_eq!(v["podManagementPolicy"], "OrderedReady");
    assert_eq!(
        v["updateStrategy"],
        json!({"type": "RollingUpdate", "rollingUpdate": {"partition": 0}})
    );
    assert_eq!(v["replicas"], 1);
    assert_eq!(v["revisionHistoryLimit"], 10);
    assert_eq!(
        v["persistentVolumeClaimRetentionPolicy"],
        json!({"whenDeleted": "Retain", "whenScaled": "Retain"})
    );
    assert_eq!(v["template"]["spec"]["restartPolicy"], "Always");
    assert_eq!(v["template"]["spec"]["dnsPolicy"], "ClusterFirst");
    // "serviceName" has no omitempty upstream: written even when empty.
    assert_eq!(v["serviceName"], "");
}

// defaults_test.go TestSetDefaultStatefulSet: what is set is kept; `type: RollingUpdate`
// written without rollingUpdate gets none (only an empty type brings one), OnDelete gets none.
#[test]
fn stateful_set_defaults_keep_values() {
    let run = |spec: serde_json::Value| {
        let mut o = Object::StatefulSet(StatefulSet {
            spec: serde_json::from_value(spec).unwrap(),
            ..Default::default()
        });
        default_object(&mut o);
        let Object::StatefulSet(s) = o else { panic!() };
        serde_json::to_value(&s.spec).unwrap()
    };
    let v = run(json!({"podManagementPolicy": "Parallel", "replicas": 0,
        "revisionHistoryLimit": 0, "updateStrategy": {"type": "OnDelete"},
        "persistentVolumeClaimRetentionPolicy": {"whenScaled": "Delete"}}));
    assert_eq!(v["podManagementPolicy"], "Parallel");
    assert_eq!(v["replicas"], 0);
    assert_eq!(v["revisionHistoryLimit"], 0);
    assert_eq!(v["updateStrategy"], json!({"type": "OnDelete"}));
    assert_eq!(
        v["persistentVolumeClaimRetentionPolicy"],
        json!({"whenDeleted": "Retain", "whenScaled": "Delete"})
    );
    let v = run(json!({"updateStrategy": {"type": "RollingUpdate"}}));
    assert_eq!(v["updateStrategy"], json!({"type": "RollingUpdate"}));
    let v = run(json!({"updateStrategy": {"rollingUpdate": {"partition": 2}}}));
    assert_eq!(
        v["updateStrategy"],
        json!({"type": "RollingUpdate", "rollingUpdate": {"partition": 2}})
    );
}

// defaults_test.go TestSetDefaultDaemonSetSpec: updateStrategy RollingUpdate with
// maxUnavailable 1 and maxSurge 0, revisionHistoryLimit 10; OnDelete gets no rollingUpdate;
// no labels are defaulted from the template in apps/v1.
#[test]
fn daemon_set_defaults() {
    let run = |spec: serde_json::Value| {
        let mut o = Object::DaemonSet(DaemonSet {
            spec: serde_json::from_value(spec).unwrap(),
            ..Default::default()
        });
        default_object(&mut o);
        let Object::DaemonSet(d) = o else { panic!() };
        (serde_json::to_value(&d.spec).unwrap(), d.metadata)
    };
    let (v, meta) = run(json!({"template": {"metadata": {"labels": {"a": "b"}}}}));
    assert_eq!(
        v["updateStrategy"],
        json!({"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 1, "maxSurge": 0}})
    );
    assert_eq!(v["revisionHistoryLimit"], 10);
    assert_eq!(v["template"]["spec"]["schedulerName"], "default-scheduler");
    assert!(meta.labels.is_empty());
    let (v, _) = run(json!({"updateStrategy": {"type": "OnDelete"}, "revisionHistoryLimit": 1}));
    assert_eq!(v["updateStrategy"], json!({"type": "OnDelete"}));
    assert_eq!(v["revisionHistoryLimit"], 1);
    let (v, _) = run(json!({"updateStrategy": {"rollingUpdate": {"maxSurge": "10%"}}}));
    assert_eq!(
        v["updateStrategy"],
        json!({"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 1, "maxSurge": "10%"}})
    );
}

// validation_test.go TestValidateStatefulSet: the success cases.
#[test]
fn stateful_set_valid_cases() {
    // "alpha name", "alphanumeric name"
    assert!(sts_msgs(|_| {}).is_empty());
    assert!(sts_msgs(|s| s.metadata.name = "abc-123".into()).is_empty());
    // "hostNetwork true"
    assert!(sts_msgs(|s| s.spec.template.spec.host_network = true).is_empty());
    // "parallel pod management"
    assert!(sts_msgs(|s| s.spec.pod_management_policy = "Parallel".into()).is_empty());
    // "update strategy" (partition 2), "maxUnavailable with parallel pod management"
    assert!(
        sts_msgs(|s| {
            s.spec.update_strategy = StatefulSetUpdateStrategy {
                type_: "RollingUpdate".into(),
                rolling_update: Some(RollingUpdateStatefulSetStrategy {
                    partition: Some(2),
                    max_unavailable: Some(IntOrString::Int(2)),
                }),
            }
        })
        .is_empty()
    );
    // "PVC policy [enable StatefulSetAutoDeletePVC]"
    assert!(
        sts_msgs(|s| {
            s.spec.persistent_volume_claim_retention_policy =
                Some(StatefulSetPersistentVolumeClaimRetentionPolicy {
                    when_deleted: "Delete".into(),
                    when_scaled: "Retain".into(),
                })
        })
        .is_empty()
    );
    // "ordinals.start positive value"
    assert!(sts_msgs(|s| s.spec.ordinals = Some(StatefulSetOrdinals { start: 2 })).is_empty());
    // serviceName is optional (any string).
    assert!(sts_msgs(|s| s.spec.service_name.clear()).is_empty());
    // The template's pod spec is not validated for StatefulSets (upstream TODO).
    assert!(sts_msgs(|s| s.spec.template.spec.containers = Vec::new().into()).is_empty());
}

// validation_test.go TestValidateStatefulSet: the error cases, with upstream's paths and our
// full messages.
#[test]
fn stateful_set_error_cases() {
    let cases: Vec<Case<StatefulSet>> = vec![
        (
            "zero-length name",
            Box::new(|s| s.metadata.name.clear()),
            vec!["metadata.name: Required value: name or generateName is required"],
        ),
        (
            "name-with-dots",
            Box::new(|s| s.metadata.name = "abc.123".into()),
            vec!["metadata.name: Invalid value: \"abc.123\": must not contain dots"],
        ),
        (
            "empty selector",
            Box::new(|s| s.spec.selector = None),
            vec![
                "spec.selector: Required value",
                "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: `selector` does not match template `labels`",
            ],
        ),
        (
            "selector_doesnt_match",
            Box::new(|s| {
                s.spec.selector = Some(LabelSelector {
                    match_labels: [("foo".to_string(), "bar".to_string())]
                        .into_iter()
                        .collect(),
                    ..Default::default()
                })
            }),
            vec![
                "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: `selector` does not match template `labels`",
            ],
        ),
        (
            "negative_replicas",
            Box::new(|s| s.spec.replicas = Some(-1)),
            vec!["spec.replicas: Invalid value: -1: must be greater than or equal to 0"],
        ),
        (
            "invalid restart policy 1",
            Box::new(|s| s.spec.template.spec.restart_policy = "OnFailure".into()),
            vec![
                "spec.template.spec.restartPolicy: Unsupported value: \"OnFailure\": supported values: \"Always\"",
            ],
        ),
        (
            "invalid update strategy",
            Box::new(|s| s.spec.update_strategy.type_ = "foo".into()),
            vec![
                "spec.updateStrategy: Invalid value: apps.StatefulSetUpdateStrategy{Type:\"foo\", RollingUpdate:(*apps.RollingUpdateStatefulSetStrategy)(nil)}: must be 'RollingUpdate' or 'OnDelete'",
            ],
        ),
        (
            "invalid rolling update",
            Box::new(|s| {
                s.spec.update_strategy.type_ = "OnDelete".into();
                s.spec.update_strategy.rolling_update = Some(RollingUpdateStatefulSetStrategy {
                    partition: Some(1),
                    ..Default::default()
                });
            }),
            vec![
                "spec.updateStrategy.rollingUpdate: Invalid value: apps.RollingUpdateStatefulSetStrategy{Partition:1, MaxUnavailable:(*intstr.IntOrString)(nil)}: only allowed for updateStrategy 'RollingUpdate'",
            ],
        ),
        (
            "negative partition",
            Box::new(|s| {
                s.spec.update_strategy.rolling_update = Some(RollingUpdateStatefulSetStrategy {
                    partition: Some(-1),
                    ..Default::default()
                })
            }),
            vec![
                "spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0",
            ],
        ),
        (
            "invalid pod management policy",
            Box::new(|s| s.spec.pod_management_policy = "foo".into()),
            vec![
                "spec.podManagementPolicy: Invalid value: \"foo\": must be 'OrderedReady' or 'Parallel'",
            ],
        ),
        (
            "set active deadline seconds",
            Box::new(|s| {
                s.spec
                    .template
                    .spec
                    .other
                    .insert("activeDeadlineSeconds".into(), json!(60));
            }),
            vec![
                "spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in StatefulSet is not Supported",
            ],
        ),
        (
            "invalid PersistentVolumeClaimRetentionPolicy",
            Box::new(|s| {
                s.spec.persistent_volume_claim_retention_policy =
                    Some(StatefulSetPersistentVolumeClaimRetentionPolicy {
                        when_deleted: "invalid-retention-policy".into(),
                        when_scaled: "invalid-retention-policy".into(),
                    })
            }),
            vec![
                "spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: \"invalid-retention-policy\": supported values: \"Retain\", \"Delete\"",
                "spec.persistentVolumeClaimRetentionPolicy.whenScaled: Unsupported value: \"invalid-retention-policy\": supported values: \"Retain\", \"Delete\"",
            ],
        ),
        (
            "zero maxUnavailable",
            Box::new(|s| {
                s.spec.update_strategy.rolling_update = Some(RollingUpdateStatefulSetStrategy {
                    partition: Some(0),
                    max_unavailable: Some(IntOrString::Int(0)),
                })
            }),
            vec![
                "spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}: cannot be 0",
            ],
        ),
        (
            "greater than 100 percent maxUnavailable",
            Box::new(|s| {
                s.spec.update_strategy.rolling_update = Some(RollingUpdateStatefulSetStrategy {
                    partition: Some(0),
                    max_unavailable: Some(IntOrString::String("101%".into())),
                })
            }),
            vec![
                "spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"101%\"}: must not be greater than 100%",
            ],
        ),
        (
            "invalid ordinals.start",
            Box::new(|s| s.spec.ordinals = Some(StatefulSetOrdinals { start: -2 })),
            vec!["spec.ordinals.start: Invalid value: -2: must be greater than or equal to 0"],
        ),
        (
            // TestValidateStatefulSetMinReadySeconds "invalid : minReadySeconds enabled, negative"
            "negative minReadySeconds",
            Box::new(|s| s.spec.min_ready_seconds = -1),
            vec!["spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0"],
        ),
        (
            "invalid_label 2 (selector)",
            Box::new(|s| {
                s.spec.selector = Some(LabelSelector {
                    match_labels: [(
                        "NoUppercaseOrSpecialCharsLike=Equals".to_string(),
                        "b".to_string(),
                    )]
                    .into_iter()
                    .collect(),
                    ..Default::default()
                })
            }),
            vec![
                "spec.selector.matchLabels: Invalid value: \"NoUppercaseOrSpecialCharsLike=Equals\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
                "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"NoUppercaseOrSpecialCharsLike=Equals\":\"b\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}",
            ],
        ),
    ];
    for (name, tweak, want) in cases {
        assert_eq!(sts_msgs(tweak), want, "{name}");
    }
    // "empty update strategy", "empty pod management policy": defaulting fills both, so
    // validate the raw object.
    let mut s = sts();
    s.spec.update_strategy.type_.clear();
    s.spec.pod_management_policy.clear();
    s.spec.replicas = Some(1);
    s.spec.template.spec.restart_policy = "Always".into();
    let raw: Vec<String> = validate_object(&Object::StatefulSet(s))
        .iter()
        .map(|e| e.message())
        .collect();
    assert_eq!(
        raw,
        [
            "spec.podManagementPolicy: Required value",
            "spec.updateStrategy: Required value"
        ]
    );
}

// validation_test.go TestValidateDaemonSet: success cases and error cases.
#[test]
fn daemon_set_cases() {
    assert!(ds_msgs(|_| {}).is_empty());
    assert!(ds_msgs(|d| d.spec.update_strategy.type_ = "OnDelete".into()).is_empty());
    assert!(ds_msgs(|d| d.spec.template.spec.host_network = true).is_empty());
    let cases: Vec<Case<DaemonSet>> = vec![
        (
            "nil selector",
            Box::new(|d| d.spec.selector = None),
            vec![
                "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"agent\"}: `selector` does not match template `labels`",
            ],
        ),
        (
            "empty selector",
            Box::new(|d| d.spec.selector = Some(LabelSelector::default())),
            vec![
                "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for daemonset",
            ],
        ),
        (
            "invalid template",
            Box::new(|d| d.spec.template = PodTemplateSpec::default()),
            vec![
                "spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`",
                "spec.template.spec.containers: Required value",
            ],
        ),
        (
            "invalid restart policy 2",
            Box::new(|d| d.spec.template.spec.restart_policy = "Never".into()),
            vec![
                "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"",
            ],
        ),
        (
            "template may not contain ephemeral containers",
            Box::new(|d| {
                d.spec.template.spec.other.insert(
                    "ephemeralContainers".into(),
                    json!([{"name": "debug", "image": "image", "imagePullPolicy": "IfNotPresent", "terminationMessagePolicy": "File"}]),
                );
            }),
            vec![
                "spec.template.spec.ephemeralContainers: Forbidden: ephemeral containers not allowed in pod template",
            ],
        ),
        (
            // ValidateDaemonSetUpdateStrategy default branch.
            "invalid update strategy",
            Box::new(|d| d.spec.update_strategy.type_ = "foo".into()),
            vec![
                "spec.updateStrategy: Unsupported value: apps.DaemonSetUpdateStrategy{Type:\"foo\", RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}: supported values: \"RollingUpdate\", \"OnDelete\"",
            ],
        ),
        (
            // TestValidateDaemonSetUpdate "invalid rolling update: both maxSurge and maxUnavailable"
            "maxSurge and maxUnavailable both set",
            Box::new(|d| {
                d.spec.update_strategy.rolling_update = Some(RollingUpdateDaemonSet {
                    max_unavailable: Some(IntOrString::Int(1)),
                    max_surge: Some(IntOrString::String("10%".into())),
                })
            }),
            vec![
                "spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"10%\"}: may not be set when maxUnavailable is non-zero",
            ],
        ),
        (
            "both zero",
            Box::new(|d| {
                d.spec.update_strategy.rolling_update = Some(RollingUpdateDaemonSet {
                    max_unavailable: Some(IntOrString::String("0%".into())),
                    max_surge: Some(IntOrString::Int(0)),
                })
            }),
            vec![
                "spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0",
            ],
        ),
        (
            "maxUnavailable over 100%",
            Box::new(|d| {
                d.spec.update_strategy.rolling_update = Some(RollingUpdateDaemonSet {
                    max_unavailable: Some(IntOrString::String("150%".into())),
                    max_surge: Some(IntOrString::Int(0)),
                })
            }),
            vec![
                "spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"150%\"}: must not be greater than 100%",
            ],
        ),
        (
            "negative revisionHistoryLimit and minReadySeconds",
            Box::new(|d| {
                d.spec.revision_history_limit = Some(-1);
                d.spec.min_ready_seconds = -5;
            }),
            vec![
                "spec.minReadySeconds: Invalid value: -5: must be greater than or equal to 0",
                "spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0",
            ],
        ),
        (
            "activeDeadlineSeconds",
            Box::new(|d| {
                d.spec
                    .template
                    .spec
                    .other
                    .insert("activeDeadlineSeconds".into(), json!(10));
            }),
            vec![
                "spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported",
            ],
        ),
        (
            "dotted name is a valid subdomain",
            Box::new(|d| d.metadata.name = "agent.v1".into()),
            vec![],
        ),
    ];
    for (name, tweak, want) in cases {
        assert_eq!(ds_msgs(tweak), want, "{name}");
    }
}
