//! The simulated cloud provider (`svcplay_sim::cloud`): which LoadBalancer Services get an
//! address, which one, and when it is given back. Upstream reference: the cloud-provider
//! service controller (`k8s.io/cloud-provider/controllers/service/controller.go`: Services with a
//! `loadBalancerClass` are left to their implementation; a Service that stops needing a load
//! balancer has it deleted and its status cleared).

mod request_support;

use request_support::*;
use svcplay_sim::{Cluster, cloud, controllers, registry};

fn lb(name: &str, extra: &str) -> String {
    format!(
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: {name}\nspec:\n  type: LoadBalancer\n{extra}  selector:\n    app: {name}\n  ports:\n  - port: 80\n---\n"
    )
}

fn build(yaml: &str, tweak: impl FnOnce(&mut Cluster)) -> Cluster {
    cluster_from(&[("lb.yaml".to_string(), yaml.to_string())], tweak)
}

#[test]
fn assigns_lowest_free_pool_addresses_in_creation_order() {
    let y = [lb("zeta", ""), lb("alpha", ""), lb("mid", "")].concat();
    let c = build(&y, |_| {});
    assert_eq!(lb_ip(&c, "zeta").as_deref(), Some("203.0.113.1"));
    assert_eq!(lb_ip(&c, "alpha").as_deref(), Some("203.0.113.2"));
    assert_eq!(lb_ip(&c, "mid").as_deref(), Some("203.0.113.3"));
    let ing = &c.store.services[&("default".into(), "zeta".into())]
        .status
        .load_balancer
        .ingress[0];
    assert_eq!(ing.ip_mode.as_deref(), Some("VIP"));
}

#[test]
fn honours_load_balancer_ip_inside_the_pool_when_free() {
    let y = [
        lb("auto", ""),
        lb("want", "  loadBalancerIP: 203.0.113.1\n"),
        lb("taken", "  loadBalancerIP: 203.0.113.1\n"),
        lb("outside", "  loadBalancerIP: 192.0.2.50\n"),
        lb("edge", "  loadBalancerIP: 203.0.113.255\n"),
    ]
    .concat();
    let c = build(&y, |_| {});
    // Requested addresses are served before automatic ones.
    assert_eq!(lb_ip(&c, "want").as_deref(), Some("203.0.113.1"));
    assert_eq!(lb_ip(&c, "auto").as_deref(), Some("203.0.113.2"));
    for (name, why) in [
        ("taken", "another Service already holds"),
        ("outside", "outside the load balancer pool 203.0.113.0/24"),
        ("edge", "outside the load balancer pool"),
    ] {
        assert_eq!(lb_ip(&c, name), None, "{name}");
        let svc = &c.store.services[&("default".into(), name.into())];
        let reason = cloud::pending_reason(&c, svc).unwrap();
        assert!(reason.contains(why), "{name}: {reason}");
    }
}

#[test]
fn class_and_disabled_provider_stay_pending() {
    let y = [
        lb("classy", "  loadBalancerClass: example.com/lb\n"),
        lb("plain", ""),
    ]
    .concat();
    let c = build(&y, |_| {});
    assert_eq!(lb_ip(&c, "classy"), None);
    assert_eq!(lb_ip(&c, "plain").as_deref(), Some("203.0.113.1"));
    let c = build(&y, |c| c.settings.load_balancer.enabled = false);
    assert_eq!(lb_ip(&c, "plain"), None);
    let svc = &c.store.services[&("default".into(), "plain".into())];
    assert!(cloud::pending_reason(&c, svc).unwrap().contains("minikube"));
}

#[test]
fn custom_pool() {
    let c = build(&lb("a", ""), |c| {
        c.settings.load_balancer.pool =
            svcplay_model::net::Cidr::parse("198.51.100.64/30").unwrap();
    });
    assert_eq!(lb_ip(&c, "a").as_deref(), Some("198.51.100.65"));
    // A /30 has two usable addresses.
    let y = [lb("a", ""), lb("b", ""), lb("c", "")].concat();
    let c = build(&y, |c| {
        c.settings.load_balancer.pool =
            svcplay_model::net::Cidr::parse("198.51.100.64/30").unwrap();
    });
    assert_eq!(lb_ip(&c, "b").as_deref(), Some("198.51.100.66"));
    assert_eq!(lb_ip(&c, "c"), None);
    let svc = &c.store.services[&("default".into(), "c".into())];
    assert!(
        cloud::pending_reason(&c, svc)
            .unwrap()
            .contains("no free address")
    );
}

#[test]
fn stable_across_settles_and_released_on_delete_and_type_change() {
    let y = [lb("a", ""), lb("b", "")].concat();
    let mut c = build(&y, |_| {});
    let rv = c.store.services[&("default".into(), "b".into())]
        .metadata
        .resource_version
        .clone();
    c.settle();
    controllers::advance(&mut c, 100);
    assert_eq!(lb_ip(&c, "a").as_deref(), Some("203.0.113.1"));
    assert_eq!(lb_ip(&c, "b").as_deref(), Some("203.0.113.2"));
    assert_eq!(
        c.store.services[&("default".into(), "b".into())]
            .metadata
            .resource_version,
        rv,
        "a settled cluster is a fixed point"
    );
    // Delete a: its address is free again for the next Service.
    assert!(registry::delete(&mut c, "Service", "default", "a"));
    c.settle();
    assert_eq!(lb_ip(&c, "b").as_deref(), Some("203.0.113.2"));
    let r = c.apply_texts(&[("more.yaml", &lb("c", ""))]);
    assert!(r.all_created());
    assert_eq!(lb_ip(&c, "c").as_deref(), Some("203.0.113.1"));
    // Type change away from LoadBalancer clears the status.
    c.store
        .services
        .get_mut(&("default".into(), "b".into()))
        .unwrap()
        .spec
        .type_ = "NodePort".into();
    c.settle();
    assert_eq!(lb_ip(&c, "b"), None);
}

#[test]
fn observed_status_is_kept() {
    let y = "apiVersion: v1\nkind: Service\nmetadata:\n  name: seen\nspec:\n  type: LoadBalancer\n  clusterIP: 10.96.5.5\n  clusterIPs: [10.96.5.5]\n  ports:\n  - port: 80\n    nodePort: 30500\nstatus:\n  loadBalancer:\n    ingress:\n    - hostname: a1b2.elb.example.com\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: none\nspec:\n  type: LoadBalancer\n  clusterIP: 10.96.5.6\n  clusterIPs: [10.96.5.6]\n  ports:\n  - port: 80\n    nodePort: 30501\n";
    let mut c = Cluster::new(svcplay_sim::Options {
        observed: true,
        ..Default::default()
    });
    let r = c.apply_texts(&[("o.yaml", y)]);
    assert!(r.all_created(), "{r:#?}");
    let seen = &c.store.services[&("default".into(), "seen".into())];
    assert_eq!(
        seen.status.load_balancer.ingress[0].hostname,
        "a1b2.elb.example.com"
    );
    assert_eq!(seen.status.load_balancer.ingress[0].ip, "");
    assert_eq!(lb_ip(&c, "none"), None);
}
