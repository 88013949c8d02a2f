#!/usr/bin/env python3
"""Record which host the vendors' official Python SDKs choose, as an endpoint fixture.

For every service with a spec, builds the official SDK's client (or, for Tencent, asks the
client for its endpoint) for every region in the vendors' endpoint data x every network the
SDK takes (x international on and off for Tencent), and writes what the SDK chose (the host, or
the message it raised) to tests/fixtures/endpoints/sdk-endpoints.json (or to the file named by
CLOUDSPEC_ENDPOINTS_OUT). `tests/endpoints.rs` resolves every row with the generated
`ServiceSpec` and the runtime and asserts the same host or the same refusal. CI uses the
committed fixture only; this script is the only part that needs Python.

    python3 -m venv /tmp/sdkenv
    /tmp/sdkenv/bin/pip install alibabacloud-swas-open20200601==4.0.0 \
        alibabacloud-ens20171110==12.1.0 alibabacloud-appstream-center20210901==5.9.0 \
        alibabacloud-ecs20140526==7.11.8 alibabacloud-cs20151215==7.2.3 \
        alibabacloud-tea-openapi==0.4.6 alibabacloud-endpoint-util==0.0.4 \
        tencentcloud-sdk-python-common==3.1.195 tencentcloud-sdk-python-cvm==3.1.178
    /tmp/sdkenv/bin/python scripts/record_endpoints.py

Regions: Alibaba, every region id in the `endpoints` of any
metadata/alibaba/<product>/<version>/api-docs.json (so each service is also asked for regions only
another service lists), every key of the SDK client's own `_endpoint_map`, and no region at all; Tencent, the regions the CVM
spec's operations list, the region ids in the vendor's CVM examples, and no region. Networks:
the SDK's default (unset), `public` and the other network names Alibaba's endpoint data uses;
Tencent's SDK has no network setting, only `rootDomain` (the default, or
`intl.tencentcloudapi.com` for the international site). Each service also gets one row with an
explicit endpoint, which every SDK returns as it is.

Nothing here copies SDK code: the rows are what the installed SDKs return.
"""

import json
import os
import re
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(os.environ.get("CLOUDSPEC_ROOT") or Path(__file__).resolve().parent.parent)
OUT = Path(
    os.environ.get("CLOUDSPEC_ENDPOINTS_OUT")
    or ROOT / "tests" / "fixtures" / "endpoints" / "sdk-endpoints.json"
)

# Dummy credentials: building a client needs them, nothing is sent.
AK_ID = "LTAI5tEndpointFixture"
AK_SECRET = "not-a-real-secret"

# The network names of Alibaba's endpoint data; the SDKs take any string.
NETWORKS = [None, "public", "vpc", "share", "inner", "intl"]
# An explicit endpoint: every SDK sends it as it is, whatever the region and network.
EXPLICIT = "endpoint.example.com"

ALIBABA = [
    # (product as in specs/ and metadata/, version, SDK package, module)
    ("appstream-center", "2021-09-01", "alibabacloud-appstream-center20210901", "alibabacloud_appstream_center20210901"),
    ("cs", "2015-12-15", "alibabacloud-cs20151215", "alibabacloud_cs20151215"),
    ("ecs", "2014-05-26", "alibabacloud-ecs20140526", "alibabacloud_ecs20140526"),
    ("ens", "2017-11-10", "alibabacloud-ens20171110", "alibabacloud_ens20171110"),
    ("swas-open", "2020-06-01", "alibabacloud-swas-open20200601", "alibabacloud_swas_open20200601"),
]
SUPPORT = [
    "alibabacloud-tea-openapi",
    "alibabacloud-endpoint-util",
    "tencentcloud-sdk-python-common",
    "tencentcloud-sdk-python-cvm",
]


def alibaba_client(module: str):
    client = __import__(f"{module}.client", fromlist=["Client"])
    from alibabacloud_tea_openapi import models as open_api_models

    return client.Client, open_api_models.Config


def alibaba_choice(client_class, config_class, region, network, endpoint):
    """The host the SDK's client settles on, or the message it raises."""
    config = config_class(
        access_key_id=AK_ID,
        access_key_secret=AK_SECRET,
        region_id=region,
        network=network,
        endpoint=endpoint,
    )
    try:
        client = client_class(config)
    except Exception as e:  # the SDK's own refusal, recorded as it is
        return {"error": str(e)}
    return {"host": client._endpoint}


def metadata_regions():
    """Every region id in any Alibaba service's endpoint data, in file order."""
    regions = []
    for product, version, _, _ in ALIBABA:
        path = ROOT / "metadata" / "alibaba" / product / version / "api-docs.json"
        for e in json.loads(path.read_text()).get("endpoints") or []:
            if e["regionId"] not in regions:
                regions.append(e["regionId"])
    return regions


def alibaba_rows(product, version, package, module):
    client_class, config_class = alibaba_client(module)
    # The client's own endpoint map, as its __init__ sets it (any region builds the client).
    probe = client_class(
        config_class(access_key_id=AK_ID, access_key_secret=AK_SECRET, region_id="cn-hangzhou")
    )
    sdk_map = dict(probe._endpoint_map or {})
    regions = []
    for r in metadata_regions() + sorted(sdk_map):
        if r not in regions:
            regions.append(r)
    rows = []
    for region in [None] + regions:
        for network in NETWORKS:
            rows.append(
                {
                    "region": region,
                    "network": network,
                    **alibaba_choice(client_class, config_class, region, network, None),
                }
            )
    rows.append(
        {
            "region": "cn-hangzhou",
            "network": "vpc",
            "endpoint": EXPLICIT,
            **alibaba_choice(client_class, config_class, "cn-hangzhou", "vpc", EXPLICIT),
        }
    )
    return {
        "provider": "alibaba",
        "product": product,
        "version": version,
        "sdk": f"{package} {metadata.version(package)}",
        "sdk_endpoint_rule": probe._endpoint_rule,
        "sdk_endpoint_map_size": len(sdk_map),
        "rows": rows,
    }


def tencent_regions():
    spec = (ROOT / "specs" / "tencent" / "cvm" / "2017-03-12.yaml").read_text()
    regions = set()
    for line in re.findall(r"^\s*regions: \[([^\]]*)\]", spec, re.M):
        regions.update(r.strip() for r in line.split(",") if r.strip())
    examples = (ROOT / "metadata" / "tencent" / "cvm" / "2017-03-12" / "examples.json").read_text()
    regions.update(re.findall(r'\\?"Region\\?":\s*\\?"([a-z]+-[a-z]+(?:-[a-z0-9]+)?)\\?"', examples))
    return sorted(regions)


def tencent_rows():
    from tencentcloud.common import credential
    from tencentcloud.common.profile.client_profile import ClientProfile
    from tencentcloud.common.profile.http_profile import HttpProfile
    from tencentcloud.cvm.v20170312 import cvm_client

    def choice(region, international, endpoint):
        http = HttpProfile(
            endpoint=endpoint,
            rootDomain="intl.tencentcloudapi.com" if international else None,
        )
        try:
            client = cvm_client.CvmClient(
                credential.Credential(AK_ID, AK_SECRET), region, ClientProfile(httpProfile=http)
            )
            return {"host": client._get_endpoint()}
        except Exception as e:
            return {"error": str(e)}

    rows = []
    for region in [None] + tencent_regions():
        for international in (False, True):
            rows.append(
                {
                    "region": region,
                    "network": None,
                    "international": international,
                    **choice(region, international, None),
                }
            )
    rows.append(
        {
            "region": "ap-guangzhou",
            "network": None,
            "international": True,
            "endpoint": EXPLICIT,
            **choice("ap-guangzhou", True, EXPLICIT),
        }
    )
    return {
        "provider": "tencent",
        "product": "cvm",
        "version": "2017-03-12",
        "sdk": f"tencentcloud-sdk-python-cvm {metadata.version('tencentcloud-sdk-python-cvm')}",
        "rows": rows,
    }


def main() -> None:
    services = [alibaba_rows(*s) for s in ALIBABA] + [tencent_rows()]
    fixture = {
        "about": (
            "The host each official Python SDK chooses (or the message it raises), per region, "
            "network and, for Tencent, international root domain. Recorded by "
            "scripts/record_endpoints.py; checked by tests/endpoints.rs."
        ),
        "python": sys.version.split()[0],
        "sdk_support": {p: metadata.version(p) for p in SUPPORT},
        "services": services,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(fixture, indent=1) + "\n")
    count = sum(len(s["rows"]) for s in services)
    print(f"wrote {count} rows to {OUT}")


if __name__ == "__main__":
    main()
