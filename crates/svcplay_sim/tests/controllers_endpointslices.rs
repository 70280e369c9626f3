//! The EndpointSlice controller end to end (`staging/src/k8s.io/endpointslice/reconciler_test.go`).

mod controllers_support;

use controllers_support::*;
use serde_json::json;
use svcplay_sim::controllers;

fn big_cluster(pods: usize, port_for: impl Fn(usize) -> i32) -> svcplay_sim::Cluster {
    let mut c = kubeadm_cluster(21);
    for i in 0..pods {
        let node = format!("node0{}", 1 + i % 3);
        let ip = format!("10.244.{}.{}", 10 + i / 200, 2 + i % 200);
        add_running_pod(
            &mut c,
            "default",
            &format!("pod-{i:03}"),
            &node,
            &ip,
            json!({"spec": {"containers": [{"name": "app", "ports": [{"name": "http", "containerPort": port_for(i), "protocol": "TCP"}]}]}}),
        );
    }
    add_service(&mut c, "default", "big", "big", json!({}));
    c
}

#[test]
fn many_pods_fill_slices_of_100() {
    // reconciler_test.go TestReconcileManyPods: 250 pods → slices of 100, 100 and 50.
    let mut c = big_cluster(250, |_| 8080);
    controllers::settle(&mut c);
    let slices = slices_of(&c, "default", "big");
    let mut sizes: Vec<usize> = slices.iter().map(|s| s.endpoints.len()).collect();
    sizes.sort();
    assert_eq!(sizes, vec![50, 100, 100]);
    for s in &slices {
        assert_eq!(s.address_type, "IPv4");
        assert_eq!(s.ports.len(), 1);
        assert_eq!(s.ports[0].port, Some(8080));
        assert_eq!(s.ports[0].name.as_deref(), Some("web"));
        assert_eq!(s.ports[0].protocol.as_deref(), Some("TCP"));
        // Endpoints are listed by pod name.
        let names: Vec<&str> = s
            .endpoints
            .iter()
            .map(|e| e.target_ref.as_ref().unwrap().name.as_str())
            .collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
    }
}

#[test]
fn named_ports_group_pods_by_resolved_port() {
    // reconciler_test.go TestReconcileEndpointSlicesNamedPorts: 300 pods, targetPort named,
    // 5 different container port numbers → 5 slices of 60.
    let mut c = big_cluster(300, |i| 8080 + (i % 5) as i32);
    controllers::settle(&mut c);
    let slices = slices_of(&c, "default", "big");
    assert_eq!(slices.len(), 5);
    let mut ports: Vec<i32> = slices.iter().map(|s| s.ports[0].port.unwrap()).collect();
    ports.sort();
    assert_eq!(ports, vec![8080, 8081, 8082, 8083, 8084]);
    assert!(slices.iter().all(|s| s.endpoints.len() == 60));
}

#[test]
fn placeholder_slice_when_nothing_matches_and_names_stay_stable() {
    // reconciler_test.go TestReconcile1Pod... / "no pods": a placeholder slice with no ports and
    // no endpoints; when pods appear the placeholder is reused (finalize turns the create into an
    // update), and scaling does not churn slice names.
    let mut c = kubeadm_cluster(3);
    add_service(&mut c, "default", "web", "web", json!({}));
    controllers::settle(&mut c);
    let slices = slices_of(&c, "default", "web");
    assert_eq!(slices.len(), 1);
    let placeholder = slices[0].clone();
    assert!(placeholder.endpoints.is_empty() && placeholder.ports.is_empty());
    assert!(placeholder.metadata.name.starts_with("web-") && placeholder.metadata.name.len() == 9);
    let json = serde_json::to_value(&placeholder).unwrap();
    assert_eq!(json["endpoints"], json!([]));
    assert_eq!(json["ports"], json!([]));

    add_deployment(&mut c, "default", "web", 3, json!({}));
    controllers::settle(&mut c);
    let slices = slices_of(&c, "default", "web");
    assert_eq!(slices.len(), 1);
    assert_eq!(slices[0].metadata.name, placeholder.metadata.name);
    assert_eq!(slices[0].endpoints.len(), 3);
    assert_eq!(slices[0].ports[0].port, Some(8080));
    assert_eq!(
        slices[0].metadata.generation,
        Some(2),
        "placeholder updated in place"
    );
    assert_eq!(slices[0].metadata.uid, placeholder.metadata.uid);

    controllers::scale(&mut c, "default", "web", 5).unwrap();
    let slices = slices_of(&c, "default", "web");
    assert_eq!(
        (slices.len(), slices[0].metadata.name.as_str()),
        (1, placeholder.metadata.name.as_str())
    );
    assert_eq!(slices[0].endpoints.len(), 5);

    controllers::scale(&mut c, "default", "web", 0).unwrap();
    controllers::advance(&mut c, 30);
    let slices = slices_of(&c, "default", "web");
    assert_eq!(slices.len(), 1, "back to a placeholder");
    assert_eq!(slices[0].metadata.name, placeholder.metadata.name);
    assert!(slices[0].endpoints.is_empty() && slices[0].ports.is_empty());
}

#[test]
fn slice_metadata_labels_and_owner() {
    // newEndpointSlice + setEndpointSliceLabels: service labels (minus reserved keys),
    // service-name, managed-by, headless for clusterIP None; owner is the Service.
    let mut c = kubeadm_cluster(3);
    add_service(
        &mut c,
        "default",
        "web",
        "web",
        json!({"metadata": {"labels": {"team": "a", "kubernetes.io/service-name": "spoof"}}}),
    );
    add_service(
        &mut c,
        "default",
        "db",
        "db",
        json!({"spec": {"clusterIP": "None", "clusterIPs": ["None"]}}),
    );
    controllers::settle(&mut c);
    let web = slices_of(&c, "default", "web")[0];
    assert_eq!(
        web.metadata.labels.get("team").map(String::as_str),
        Some("a")
    );
    assert_eq!(web.metadata.labels["kubernetes.io/service-name"], "web");
    assert_eq!(
        web.metadata.labels["endpointslice.kubernetes.io/managed-by"],
        "endpointslice-controller.k8s.io"
    );
    assert!(
        !web.metadata
            .labels
            .contains_key("service.kubernetes.io/headless")
    );
    assert_eq!(web.metadata.generate_name, "web-");
    let owner = &web.metadata.owner_references[0];
    assert_eq!(
        (
            owner.api_version.as_str(),
            owner.kind.as_str(),
            owner.name.as_str()
        ),
        ("v1", "Service", "web")
    );
    assert_eq!(
        owner.uid,
        c.store.services[&key("default", "web")].metadata.uid
    );
    assert_eq!(
        (owner.controller, owner.block_owner_deletion),
        (Some(true), Some(true))
    );
    let db = slices_of(&c, "default", "db")[0];
    assert_eq!(
        db.metadata
            .labels
            .get("service.kubernetes.io/headless")
            .map(String::as_str),
        Some("")
    );
}

#[test]
fn selectorless_external_name_and_user_slices_are_left_alone() {
    // syncService: no selector or type ExternalName → no managed slices; slices not managed by
    // the controller are never touched; managed slices of a deleted Service are removed.
    let mut c = kubeadm_cluster(3);
    add_service(&mut c, "default", "manual", "x", json!({}));
    c.store
        .services
        .get_mut(&key("default", "manual"))
        .unwrap()
        .spec
        .selector = None;
    add_service(
        &mut c,
        "default",
        "ext",
        "x",
        json!({"spec": {"type": "ExternalName", "externalName": "example.com", "clusterIP": "", "clusterIPs": []}}),
    );
    let user: svcplay_model::types::EndpointSlice = serde_json::from_value(json!({
        "apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
        "metadata": {"name": "manual-1", "namespace": "default", "labels": {"kubernetes.io/service-name": "manual"}},
        "addressType": "IPv4", "endpoints": [{"addresses": ["192.0.2.10"]}], "ports": [{"name": "web", "port": 80, "protocol": "TCP"}]
    })).unwrap();
    c.store
        .endpoint_slices
        .insert(key("default", "manual-1"), user.clone());
    add_service(&mut c, "default", "web", "web", json!({}));
    controllers::settle(&mut c);
    assert_eq!(slices_of(&c, "default", "ext").len(), 0);
    assert_eq!(slices_of(&c, "default", "manual"), vec![&user]);
    assert_eq!(slices_of(&c, "default", "web").len(), 1);
    c.store.services.remove(&key("default", "web"));
    c.store.services.remove(&key("default", "manual"));
    controllers::settle(&mut c);
    assert_eq!(
        slices_of(&c, "default", "web").len(),
        0,
        "managed slices follow their Service"
    );
    assert_eq!(
        slices_of(&c, "default", "manual"),
        vec![&user],
        "user slices stay"
    );
}

#[test]
fn pods_on_unknown_nodes_and_other_namespaces() {
    // reconciler: a pod whose node is not found is skipped unless publishNotReadyAddresses;
    // only pods of the Service's namespace are candidates; hostname only with subdomain == svc.
    let mut c = kubeadm_cluster(3);
    add_running_pod(
        &mut c,
        "default",
        "a",
        "node01",
        "10.244.1.2",
        json!({"metadata": {"labels": {"app": "web"}}, "spec": {"hostname": "a", "subdomain": "web"}}),
    );
    add_running_pod(
        &mut c,
        "default",
        "b",
        "gone",
        "10.244.9.2",
        json!({"metadata": {"labels": {"app": "web"}}}),
    );
    add_running_pod(
        &mut c,
        "other",
        "c",
        "node01",
        "10.244.1.3",
        json!({"metadata": {"labels": {"app": "web"}}}),
    );
    add_running_pod(
        &mut c,
        "default",
        "d",
        "node02",
        "10.244.2.2",
        json!({"metadata": {"labels": {"app": "web"}}, "spec": {"hostname": "d", "subdomain": "elsewhere"}}),
    );
    add_service(&mut c, "default", "web", "web", json!({}));
    controllers::settle(&mut c);
    let s = slices_of(&c, "default", "web");
    let names: Vec<&str> = s[0]
        .endpoints
        .iter()
        .map(|e| e.target_ref.as_ref().unwrap().name.as_str())
        .collect();
    assert_eq!(names, vec!["a", "d"]);
    assert_eq!(s[0].endpoints[0].hostname.as_deref(), Some("a"));
    assert_eq!(s[0].endpoints[1].hostname, None);

    c.store
        .services
        .get_mut(&key("default", "web"))
        .unwrap()
        .spec
        .publish_not_ready_addresses = true;
    controllers::settle(&mut c);
    let s = slices_of(&c, "default", "web");
    let names: Vec<&str> = s[0]
        .endpoints
        .iter()
        .map(|e| e.target_ref.as_ref().unwrap().name.as_str())
        .collect();
    assert_eq!(names, vec!["a", "b", "d"]);
}

#[test]
fn named_port_missing_on_some_pods_splits_slices() {
    // getEndpointPorts: a service port whose named targetPort a pod lacks is omitted for that
    // pod, which then lands in a slice with a different port list.
    let mut c = kubeadm_cluster(3);
    add_running_pod(
        &mut c,
        "default",
        "a",
        "node01",
        "10.244.1.2",
        json!({"metadata": {"labels": {"app": "web"}}}),
    );
    add_running_pod(
        &mut c,
        "default",
        "b",
        "node01",
        "10.244.1.3",
        json!({"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [{"name": "app", "ports": [{"name": "other", "containerPort": 9000}]}]}}),
    );
    add_service(&mut c, "default", "web", "web", json!({}));
    controllers::settle(&mut c);
    let s = slices_of(&c, "default", "web");
    assert_eq!(s.len(), 2);
    let mut shapes: Vec<(usize, usize)> = s
        .iter()
        .map(|s| (s.ports.len(), s.endpoints.len()))
        .collect();
    shapes.sort();
    assert_eq!(shapes, vec![(0, 1), (1, 1)]);
}
