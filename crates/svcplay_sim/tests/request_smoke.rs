mod request_support;
use request_support::*;

#[test]
fn smoke() {
    let c = cluster(&["web.yaml", "lb.yaml", "broken.yaml"]);
    println!("{:?}", pods_of(&c, "web"));
    for (from, to) in [
        (pod("client"), "web:80"),
        (external(), "192.168.1.2:30080"),
        (external(), "203.0.113.1:80"),
        (pod("client"), "shop:80"),
        (pod("client"), "api:80"),
        (pod("client"), "ext:80"),
    ] {
        let mut s = spec(from, to, 60, 1);
        s.detail = 1;
        let r = run(&c, &s);
        println!("{}", serde_json::to_string_pretty(&r).unwrap());
    }
}
