#!/usr/bin/env python3
"""Record what the vendors' official Python SDKs put on the wire, as conformance fixtures.

Runs each operation through its official SDK against a capture server on
127.0.0.1, with pinned time, nonce, credentials and user agent, and writes one JSON fixture per
request to tests/fixtures/conformance/ (or to the directory named by the environment variable
CLOUDSPEC_CONFORMANCE_OUT). `tests/conformance.rs` builds the same requests with the
Rust clients and compares method, path, query, body, headers and signature with the fixtures.
CI uses the committed fixtures only; this script is the only part that needs Python.

    python3 -m venv /tmp/sdkenv
    /tmp/sdkenv/bin/pip install alibabacloud-swas-open20200601==4.0.0 \
        alibabacloud-ens20171110==12.1.0 alibabacloud-appstream-center20210901==5.9.0 \
        tencentcloud-sdk-python-cvm==3.1.178 alibabacloud-ecs20140526==7.11.8 \
        alibabacloud-cs20151215==7.2.3
    /tmp/sdkenv/bin/python scripts/record_conformance.py

Container Service (cs) is ROA: `GET`/`PUT` on a path with the cluster id percent-encoded into
it, a JSON body, and (with `signature_algorithm="v2"`) the legacy ROA HMAC-SHA1 signature,
which also signs a `date` header (pinned here). A ROA error body is parsed into the SDK's
exception, recorded next to the fixture directory as `roa-error.json` (or at
CLOUDSPEC_ROA_ERROR_OUT); it must not go into the fixture directory itself.

The requests below must stay identical to the ones `tests/conformance.rs` builds. They avoid
boolean parameters in Alibaba query/form positions on purpose: the Python SDK sends `True`, the
Rust client `true` (the Go SDK's spelling), so those bytes (and signatures) differ by design.
"""

import json
import os
import re
import sys
import threading
import types
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import metadata
from pathlib import Path

ROOT = Path(os.environ.get("CLOUDSPEC_ROOT") or Path(__file__).resolve().parent.parent)
OUT = Path(os.environ.get("CLOUDSPEC_CONFORMANCE_OUT") or ROOT / "tests" / "fixtures" / "conformance")

# Pinned inputs (the Rust test uses the same values).
AK_ID = "LTAI5tConformanceKeyId"
AK_SECRET = "ConformanceSecret-not-a-real-key"
STS_TOKEN = "ConformanceStsToken"
TIMESTAMP = 1_698_315_752  # 2023-10-26T10:22:32Z
NONCE = "3156853299f313e23d1673dc12e1703d"
TRACE_ID = "00000000-0000-4000-8000-000000000000"
DATE_RFC1123 = "Thu, 26 Oct 2023 10:22:32 GMT"  # the same instant, as ROA's `date` header


def runtime_user_agent() -> str:
    """The Rust runtime's default user-agent (signed by ACS3, so it must be the same)."""
    text = (ROOT / "runtime" / "Cargo.toml").read_text()
    version = re.search(r'^version\s*=\s*"([^"]+)"', text, re.M).group(1)
    return f"cloudspec-runtime/{version} (Rust)"


class Capture(BaseHTTPRequestHandler):
    """Records each request; answers with the response set on the server."""

    protocol_version = "HTTP/1.1"

    def _capture(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        path, _, query = self.path.partition("?")
        self.server.captured.append(
            {
                "method": self.command,
                "path": path,
                "raw_query": query,
                "headers": [[k, v] for k, v in self.headers.items()],
                "body": body.decode("utf-8"),
            }
        )
        status, content_type, payload = self.server.reply
        data = payload.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    # The SDKs send RPC and Tencent calls as POST; ROA (Container Service) uses the others.
    do_POST = do_GET = do_PUT = do_DELETE = do_PATCH = _capture  # noqa: N815 (http.server naming)

    def log_message(self, *args):
        pass


def start_server():
    # The port is part of the signed Host header; CLOUDSPEC_CONFORMANCE_PORT pins it to
    # reproduce committed fixtures byte for byte (0: any free port).
    port = int(os.environ.get("CLOUDSPEC_CONFORMANCE_PORT") or 0)
    server = ThreadingHTTPServer(("127.0.0.1", port), Capture)
    server.daemon_threads = True
    server.captured = []
    server.reply = (200, "application/json", "{}")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def pin_alibaba():
    from alibabacloud_tea_openapi.utils import Utils

    Utils.get_timestamp = staticmethod(lambda: "2023-10-26T10:22:32Z")
    Utils.get_nonce = staticmethod(lambda: NONCE)
    Utils.get_user_agent = staticmethod(lambda _suffix=None: runtime_user_agent())
    Utils.get_date_utcstring = staticmethod(lambda: DATE_RFC1123)


def pin_tencent():
    from tencentcloud.common import abstract_client

    abstract_client.time = types.SimpleNamespace(
        time=lambda: TIMESTAMP, sleep=lambda _s: None
    )
    abstract_client.uuid = types.SimpleNamespace(uuid4=lambda: uuid.UUID(TRACE_ID))


def alibaba_config(server, sts=False, signature_algorithm=None):
    from alibabacloud_tea_openapi.models import Config

    config = Config(
        access_key_id=AK_ID,
        access_key_secret=AK_SECRET,
        security_token=STS_TOKEN if sts else None,
        endpoint=f"127.0.0.1:{server.server_port}",
        protocol="http",
        region_id="cn-hangzhou",
    )
    if signature_algorithm:
        config.signature_algorithm = signature_algorithm
    return config


def record(server, name, run, reply, sdk_packages, request):
    server.captured.clear()
    server.reply = reply
    run()
    assert len(server.captured) == 1, (name, server.captured)
    fixture = {
        "name": name,
        "recorded_with": {p: metadata.version(p) for p in sdk_packages},
        "pinned": {
            "access_key_id": AK_ID,
            "timestamp": TIMESTAMP,
            "nonce": NONCE,
            "user_agent": runtime_user_agent(),
        },
        "request": request,
        "wire": server.captured[0],
    }
    path = OUT / f"{name}.json"
    path.write_text(json.dumps(fixture, indent=2, ensure_ascii=False) + "\n")
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    print(f"wrote {shown}")


ROA_ERROR_BODY = (
    '{"code":"ErrorClusterNotFound","message":"cluster not found",'
    '"requestId":"6B3B9A4B-0000-0000-0000-000000000000"}'
)


def record_roa_error(server, call, cluster_id, sdk_packages):
    """What the SDK raises for a ROA error (lower-case `code`/`message`/`requestId`), for both
    signature paths: `do_request` (ACS3, the default) and `do_roarequest` (`v2`)."""
    # Not inside OUT: tests/conformance.rs takes every *.json there for a request fixture.
    out = Path(os.environ.get("CLOUDSPEC_ROA_ERROR_OUT") or OUT.parent / "roa-error.json")
    cases = {}
    for label, config_args in (("acs3", {}), ("roa-v2", {"signature_algorithm": "v2"})):
        server.captured.clear()
        server.reply = (400, "application/json", ROA_ERROR_BODY)
        try:
            call(cluster_id, **config_args)()
        except Exception as e:  # noqa: BLE001 (recording whatever the SDK raises)
            cases[label] = {
                "exception": f"{type(e).__module__}.{type(e).__name__}",
                "bases": [f"{c.__module__}.{c.__name__}" for c in type(e).__mro__[1:-1]],
                "status_code": getattr(e, "status_code", None),
                "code": getattr(e, "code", None),
                "message": getattr(e, "message", None),
                "request_id": getattr(e, "request_id", None),
                "description": getattr(e, "description", None),
                "detail": getattr(e, "detail", None),
                "access_denied_detail": getattr(e, "access_denied_detail", None),
                "data": getattr(e, "data", None),
                "str": str(e),
                "requests_sent": len(server.captured),
            }
        else:
            cases[label] = {"exception": None}
    document = {
        "name": "roa-error",
        "recorded_with": {p: metadata.version(p) for p in sdk_packages},
        "operation": "cs DescribeClusterDetail",
        "reply": {"status": 400, "content_type": "application/json", "body": ROA_ERROR_BODY},
        "raised": cases,
    }
    out.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {out}")


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    pin_alibaba()
    pin_tencent()
    server = start_server()
    ali_ok = (200, "application/json", '{"RequestId": "r", "ImageId": "m-1"}')

    # --- Simple Application Server: CreateCustomImage (query only) -------------------------
    from alibabacloud_swas_open20200601 import models as swas_models
    from alibabacloud_swas_open20200601.client import Client as SwasClient

    swas_request = {
        "RegionId": "cn-hangzhou",
        "ClientToken": "123e4567-e89b-12d3-a456-426655440000",
        "InstanceId": "ace0706b2ac4454d984295a94213****",
        "ImageName": "customImage-test",
        "Description": "my image *test~/",
        "Tag": [{"Key": "team", "Value": "infra ops"}, {"Key": "env"}],
    }

    def swas_call(**config_args):
        def run():
            client = SwasClient(alibaba_config(server, **config_args))
            client.create_custom_image(
                swas_models.CreateCustomImageRequest(
                    region_id=swas_request["RegionId"],
                    client_token=swas_request["ClientToken"],
                    instance_id=swas_request["InstanceId"],
                    image_name=swas_request["ImageName"],
                    description=swas_request["Description"],
                    tag=[
                        swas_models.CreateCustomImageRequestTag(key="team", value="infra ops"),
                        swas_models.CreateCustomImageRequestTag(key="env"),
                    ],
                )
            )

        return run

    swas_pkgs = ["alibabacloud-swas-open20200601", "alibabacloud-tea-openapi"]
    record(server, "swas-create-custom-image-acs3", swas_call(), ali_ok, swas_pkgs, swas_request)
    record(server, "swas-create-custom-image-acs3-sts", swas_call(sts=True), ali_ok, swas_pkgs, swas_request)
    record(
        server,
        "swas-create-custom-image-rpc",
        swas_call(signature_algorithm="v2"),
        ali_ok,
        swas_pkgs,
        swas_request,
    )

    # --- ENS: CreateImage (query only) ------------------------------------------------------
    from alibabacloud_ens20171110 import models as ens_models
    from alibabacloud_ens20171110.client import Client as EnsClient

    ens_request = {
        "ImageName": "web-2026",
        "InstanceId": "i-5rr1bnyrc4tswr8cq3w6y****",
        "DeleteAfterImageUpload": "false",
        "SnapshotId": "sp-5q8c3********",
    }

    def ens_run():
        EnsClient(alibaba_config(server)).create_image(
            ens_models.CreateImageRequest(
                image_name=ens_request["ImageName"],
                instance_id=ens_request["InstanceId"],
                delete_after_image_upload=ens_request["DeleteAfterImageUpload"],
                snapshot_id=ens_request["SnapshotId"],
            )
        )

    record(
        server,
        "ens-create-image-acs3",
        ens_run,
        (200, "application/json", '{"RequestId": "r", "Code": 0, "ImageId": "m-1"}'),
        ["alibabacloud-ens20171110", "alibabacloud-tea-openapi"],
        ens_request,
    )

    # --- WUYING App Streaming: CreateImageByInstance (form body + query) ---------------------
    from alibabacloud_appstream_center20210901 import models as wy_models
    from alibabacloud_appstream_center20210901.client import Client as WuyingClient

    wuying_request = {
        "InstanceId": "ws-0buj1s9gm******",
        "InstanceType": "WuyingServer",
        "ImageName": "test image",
        "Description": "a/b+c",
        "BizType": 1,
        "DiskType": "SYSTEM",
        "TagList": [{"Key": "team", "Value": "a b"}],
    }

    def wuying_call(**config_args):
        def run():
            WuyingClient(alibaba_config(server, **config_args)).create_image_by_instance(
                wy_models.CreateImageByInstanceRequest(
                    instance_id=wuying_request["InstanceId"],
                    instance_type=wuying_request["InstanceType"],
                    image_name=wuying_request["ImageName"],
                    description=wuying_request["Description"],
                    biz_type=wuying_request["BizType"],
                    disk_type=wuying_request["DiskType"],
                    tag_list=[
                        wy_models.CreateImageByInstanceRequestTagList(key="team", value="a b")
                    ],
                )
            )

        return run

    wy_ok = (
        200,
        "application/json",
        '{"RequestId": "r", "Success": true, "Code": "200", "Data": {"ImageId": "imgc-1"}}',
    )
    wy_pkgs = ["alibabacloud-appstream-center20210901", "alibabacloud-tea-openapi"]
    record(server, "wuying-create-image-by-instance-acs3", wuying_call(), wy_ok, wy_pkgs, wuying_request)
    record(
        server,
        "wuying-create-image-by-instance-rpc",
        wuying_call(signature_algorithm="v2"),
        wy_ok,
        wy_pkgs,
        wuying_request,
    )

    # --- Tencent CVM: CreateImage (JSON body, TC3) --------------------------------------------
    from tencentcloud.common import credential
    from tencentcloud.common.profile.client_profile import ClientProfile
    from tencentcloud.common.profile.http_profile import HttpProfile
    from tencentcloud.cvm.v20170312 import cvm_client, models as cvm_models

    cvm_request = {
        "ImageName": "myImage 镜像",
        "InstanceId": "ins-6pb6lrmy",
        "ImageDescription": "say \"hi\" \\ 😀",
        "DataDiskIds": ["disk-1", "disk-2"],
        "DryRun": False,
        "TagSpecification": [
            {"ResourceType": "image", "Tags": [{"Key": "team", "Value": "infra"}]}
        ],
    }

    def cvm_call(sts=False):
        def run():
            cred = credential.Credential(AK_ID, AK_SECRET, STS_TOKEN if sts else None)
            http = HttpProfile(endpoint=f"127.0.0.1:{server.server_port}", protocol="http")
            client = cvm_client.CvmClient(cred, "ap-guangzhou", ClientProfile(httpProfile=http))
            req = cvm_models.CreateImageRequest()
            req.from_json_string(json.dumps(cvm_request))
            client.CreateImage(req)

        return run

    cvm_ok = (
        200,
        "application/json",
        '{"Response": {"ImageId": "img-1", "RequestId": "r"}}',
    )
    cvm_pkgs = ["tencentcloud-sdk-python-cvm", "tencentcloud-sdk-python-common"]
    record(server, "cvm-create-image-tc3", cvm_call(), cvm_ok, cvm_pkgs, cvm_request)
    record(server, "cvm-create-image-tc3-sts", cvm_call(sts=True), cvm_ok, cvm_pkgs, cvm_request)

    # --- Tencent CVM: DescribeImages and DeleteImages (JSON body, TC3) -------------------------
    def cvm_action(action, request):
        def run():
            cred = credential.Credential(AK_ID, AK_SECRET)
            http = HttpProfile(endpoint=f"127.0.0.1:{server.server_port}", protocol="http")
            client = cvm_client.CvmClient(cred, "ap-guangzhou", ClientProfile(httpProfile=http))
            req = getattr(cvm_models, f"{action}Request")()
            req.from_json_string(json.dumps(request))
            getattr(client, action)(req)

        return run

    describe_images_request = {
        "Filters": [{"Name": "image-type", "Values": ["PRIVATE_IMAGE"]}],
        "Offset": 0,
        "Limit": 10,
    }
    record(
        server,
        "cvm-describe-images-tc3",
        cvm_action("DescribeImages", describe_images_request),
        (200, "application/json", '{"Response": {"TotalCount": 0, "ImageSet": [], "RequestId": "r"}}'),
        cvm_pkgs,
        describe_images_request,
    )
    delete_images_request = {"ImageIds": ["img-6pb6lrmy"], "DryRun": True}
    record(
        server,
        "cvm-delete-images-tc3",
        cvm_action("DeleteImages", delete_images_request),
        (200, "application/json", '{"Response": {"RequestId": "r"}}'),
        cvm_pkgs,
        delete_images_request,
    )

    # --- ENS: DescribeImages (query only; PageNumber/PageSize are strings in the SDK) ---------
    ens_describe_images_request = {
        "EnsRegionId": "cn-dalian-unicom",
        "ImageName": "centos_6_08_64_20G",
        "PageNumber": 2,
        "PageSize": 50,
    }

    def ens_describe_images_run():
        EnsClient(alibaba_config(server)).describe_images(
            ens_models.DescribeImagesRequest(
                ens_region_id=ens_describe_images_request["EnsRegionId"],
                image_name=ens_describe_images_request["ImageName"],
                # The SDK model types both as str (so does the API metadata); the text on the
                # wire is the same as the integer's.
                page_number=str(ens_describe_images_request["PageNumber"]),
                page_size=str(ens_describe_images_request["PageSize"]),
            )
        )

    record(
        server,
        "ens-describe-images-acs3",
        ens_describe_images_run,
        (
            200,
            "application/json",
            '{"RequestId": "r", "Code": 0, "PageNumber": 2, "PageSize": 50, "TotalCount": 0,'
            ' "Images": {"Image": []}}',
        ),
        ["alibabacloud-ens20171110", "alibabacloud-tea-openapi"],
        ens_describe_images_request,
    )

    # --- ENS: DescribeSelfImages (query only; PageNumber/PageSize are integers in the SDK) ------
    ens_describe_self_images_request = {
        "ImageId": "m-5qm2r6xo7njrpdkx04q1o****",
        "ImageName": "centos_6_08_64_20G",
        "SnapshotId": "sp-5xg63dmojc1oaa3pk****",
        "PageNumber": 3,
        "PageSize": 20,
    }

    def ens_describe_self_images_run():
        EnsClient(alibaba_config(server)).describe_self_images(
            ens_models.DescribeSelfImagesRequest(
                image_id=ens_describe_self_images_request["ImageId"],
                image_name=ens_describe_self_images_request["ImageName"],
                snapshot_id=ens_describe_self_images_request["SnapshotId"],
                page_number=ens_describe_self_images_request["PageNumber"],
                page_size=ens_describe_self_images_request["PageSize"],
            )
        )

    record(
        server,
        "ens-describe-self-images-acs3",
        ens_describe_self_images_run,
        (
            200,
            "application/json",
            '{"RequestId": "r", "Code": 0, "PageNumber": "3", "PageSize": "20", "TotalCount": "0",'
            ' "Images": {"Image": []}}',
        ),
        ["alibabacloud-ens20171110", "alibabacloud-tea-openapi"],
        ens_describe_self_images_request,
    )

    # --- Simple Application Server: ListCustomImages (query only) ---------------------------
    swas_list_request = {
        "RegionId": "cn-hangzhou",
        "ImageIds": '["m-1a2b3c****","m-4d5e6f****"]',
        "PageNumber": 1,
        "PageSize": 20,
    }

    def swas_list_run():
        SwasClient(alibaba_config(server)).list_custom_images(
            swas_models.ListCustomImagesRequest(
                region_id=swas_list_request["RegionId"],
                image_ids=swas_list_request["ImageIds"],
                page_number=swas_list_request["PageNumber"],
                page_size=swas_list_request["PageSize"],
            )
        )

    record(
        server,
        "swas-list-custom-images-acs3",
        swas_list_run,
        (
            200,
            "application/json",
            '{"RequestId": "r", "PageNumber": "1", "PageSize": "20", "TotalCount": "0",'
            ' "CustomImages": []}',
        ),
        swas_pkgs,
        swas_list_request,
    )

    # --- ECS: DescribeImages (query only; Status is a comma-separated list) ------------------
    from alibabacloud_ecs20140526 import models as ecs_models
    from alibabacloud_ecs20140526.client import Client as EcsClient

    ecs_request = {
        "RegionId": "cn-hangzhou",
        "Status": "Available,Creating",
        "ImageOwnerAlias": "self",
        "PageNumber": 1,
        "PageSize": 100,
    }

    def ecs_run():
        EcsClient(alibaba_config(server)).describe_images(
            ecs_models.DescribeImagesRequest(
                region_id=ecs_request["RegionId"],
                status=ecs_request["Status"],
                image_owner_alias=ecs_request["ImageOwnerAlias"],
                page_number=ecs_request["PageNumber"],
                page_size=ecs_request["PageSize"],
            )
        )

    record(
        server,
        "ecs-describe-images-acs3",
        ecs_run,
        (
            200,
            "application/json",
            '{"RequestId": "r", "RegionId": "cn-hangzhou", "PageNumber": 1, "PageSize": 100,'
            ' "TotalCount": 0, "Images": {"Image": []}}',
        ),
        ["alibabacloud-ecs20140526", "alibabacloud-tea-openapi"],
        ecs_request,
    )

    # --- WUYING App Streaming: ListImage (form body; Distro in the query) ---------------------
    wuying_list_image_request = {
        "ImageName": "Demo Image",
        "ImageType": "User",
        "Status": "AVAILABLE",
        "OsType": "Windows",
        "ProductType": "CloudApp",
        "Distro": "Ubuntu 22.04",
        "PageNumber": 2,
        "PageSize": 50,
    }

    def wuying_list_image_run():
        WuyingClient(alibaba_config(server)).list_image(
            wy_models.ListImageRequest(
                image_name=wuying_list_image_request["ImageName"],
                image_type=wuying_list_image_request["ImageType"],
                status=wuying_list_image_request["Status"],
                os_type=wuying_list_image_request["OsType"],
                product_type=wuying_list_image_request["ProductType"],
                distro=wuying_list_image_request["Distro"],
                page_number=wuying_list_image_request["PageNumber"],
                page_size=wuying_list_image_request["PageSize"],
            )
        )

    record(
        server,
        "wuying-list-image-acs3",
        wuying_list_image_run,
        (
            200,
            "application/json",
            '{"RequestId": "r", "Success": true, "Code": "200", "PageNumber": 2, "PageSize": 50,'
            ' "Count": 0, "Data": []}',
        ),
        wy_pkgs,
        wuying_list_image_request,
    )

    # --- Container Service: DescribeClusterDetail and ModifyCluster (ROA) --------------------
    from alibabacloud_cs20151215 import models as cs_models
    from alibabacloud_cs20151215.client import Client as CsClient

    cs_pkgs = ["alibabacloud-cs20151215", "alibabacloud-tea-openapi"]
    cs_detail_ok = (
        200,
        "application/json",
        '{"cluster_id": "c82e6987e2961451182edacd74faf0000", "name": "prod", "state": "running"}',
    )

    def cs_detail_call(cluster_id, **config_args):
        def run():
            CsClient(alibaba_config(server, **config_args)).describe_cluster_detail(cluster_id)

        return run

    cs_detail_request = {"ClusterId": "c82e6987e2961451182edacd74faf0000"}
    record(
        server,
        "cs-describe-cluster-detail-acs3",
        cs_detail_call(cs_detail_request["ClusterId"]),
        cs_detail_ok,
        cs_pkgs,
        cs_detail_request,
    )
    # The SDK puts the id into the path with darabonba's Url.percent_encode (quote(safe=''),
    # then `+` -> %20, `*` -> %2A, %7E -> ~): `/`, space, `*`, `+`, `:` and non-ASCII are
    # encoded, `~` `-` `_` `.` are not. The ACS3 canonical URI is that encoded path as it is.
    cs_detail_encoded_request = {"ClusterId": "c8 2e/69:87*e2+96~14_51.é"}
    record(
        server,
        "cs-describe-cluster-detail-path-encoding-acs3",
        cs_detail_call(cs_detail_encoded_request["ClusterId"]),
        cs_detail_ok,
        cs_pkgs,
        cs_detail_encoded_request,
    )
    record(
        server,
        "cs-describe-cluster-detail-roa-v2",
        cs_detail_call(cs_detail_request["ClusterId"], signature_algorithm="v2"),
        cs_detail_ok,
        cs_pkgs,
        cs_detail_request,
    )

    cs_modify_request = {
        "ClusterId": "c82e6987e2961451182edacd74faf0000",
        "cluster_name": "prod-集群-1",
        "deletion_protection": True,
        "maintenance_window": {
            "enable": True,
            "maintenance_time": "2023-10-26T02:00:00.000+08:00",
            "duration": "3h",
            "weekly_period": "Thursday,Sunday",
            # MaintenanceWindow.to_map() always writes `exclusions`, so the SDK sends `[]`.
            "exclusions": [],
        },
    }

    def cs_modify_run():
        mw = cs_modify_request["maintenance_window"]
        CsClient(alibaba_config(server)).modify_cluster(
            cs_modify_request["ClusterId"],
            cs_models.ModifyClusterRequest(
                cluster_name=cs_modify_request["cluster_name"],
                deletion_protection=cs_modify_request["deletion_protection"],
                maintenance_window=cs_models.MaintenanceWindow(
                    enable=mw["enable"],
                    maintenance_time=mw["maintenance_time"],
                    duration=mw["duration"],
                    weekly_period=mw["weekly_period"],
                ),
            ),
        )

    record(
        server,
        "cs-modify-cluster-acs3",
        cs_modify_run,
        (
            200,
            "application/json",
            '{"cluster_id": "c82e6987e2961451182edacd74faf0000", "request_id": "r",'
            ' "task_id": "T-1"}',
        ),
        cs_pkgs,
        cs_modify_request,
    )

    record_roa_error(server, cs_detail_call, cs_detail_request["ClusterId"], cs_pkgs)

    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
