//! `endpoint-changed`: where requests of a service are sent changed (rule, host, international
//! host, network hosts, a region's own host).

use crate::diff::{Emit, Subject, code};

/// A value as the spec format spells it (`labelSuffix`).
fn spelling<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

pub(super) fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::Service { scope, old, new } = *s else {
        return;
    };
    let (o, n) = (&old.endpoints, &new.endpoints);
    let at = |path: &str| scope.at(path, Some(&old.loc), Some(&new.loc));
    if o.rule != n.rule {
        e.push(
            at("endpoints.rule"),
            format!(
                "endpoint rule changed from {} to {}",
                code(&format!("{:?}", o.rule).to_lowercase()),
                code(&format!("{:?}", n.rule).to_lowercase())
            ),
            "`SERVICE.endpoint_rule` changes: the host is chosen differently for every request",
        );
    }
    if o.host != n.host {
        e.push(
            at("endpoints.host"),
            format!(
                "endpoint host changed from {} to {}",
                code(&o.host),
                code(&n.host)
            ),
            format!(
                "`SERVICE.host` becomes {}: requests go to the new host",
                code(&n.host)
            ),
        );
    }
    if o.international_host != n.international_host {
        let show = |h: &Option<String>| h.as_deref().map_or("none".to_string(), code);
        e.push(
            at("endpoints.internationalHost"),
            format!(
                "international host changed from {} to {}",
                show(&o.international_host),
                show(&n.international_host)
            ),
            "`SERVICE.international_host` changes",
        );
    }
    if o.network_hosts != n.network_hosts {
        e.push(
            at("endpoints.networkHosts"),
            format!(
                "network hosts changed from {} to {}",
                code(&spelling(&o.network_hosts)),
                code(&spelling(&n.network_hosts))
            ),
            "`SERVICE.network_hosts` changes: clients configured for a network other than \
             `public` reach another host, or are refused",
        );
    }
    let host = |list: &[(String, String)], region: &str| {
        list.iter()
            .find(|(r, _)| r == region)
            .map(|(_, h)| h.clone())
    };
    let mut regions: Vec<&String> = o
        .region_map
        .iter()
        .chain(&n.region_map)
        .map(|(r, _)| r)
        .collect();
    regions.sort();
    regions.dedup();
    for region in regions {
        let (a, b) = (host(&o.region_map, region), host(&n.region_map, region));
        if a == b {
            continue;
        }
        let path = format!("endpoints.regionMap.{region}");
        let (message, effect) = match (&a, &b) {
            (None, Some(h)) => (
                format!("region {} gets its own host {}", code(region), code(h)),
                format!(
                    "requests for {} go to {} instead of the default host",
                    code(region),
                    code(h)
                ),
            ),
            (Some(h), None) => (
                format!("region {} loses its own host {}", code(region), code(h)),
                format!(
                    "requests for {} go to the default host instead of {}",
                    code(region),
                    code(h)
                ),
            ),
            (Some(x), Some(y)) => (
                format!(
                    "host of region {} changed from {} to {}",
                    code(region),
                    code(x),
                    code(y)
                ),
                format!("requests for {} go to {}", code(region), code(y)),
            ),
            (None, None) => continue,
        };
        e.push(at(&path), message, effect);
    }
}
