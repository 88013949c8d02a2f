#!/usr/bin/env python3
"""Writes a synthetic spec set shaped like the seed operations, for benchmarks.

Usage: scripts/synth_specs.py OPERATIONS OUT_DIR [--per-service N]

Each operation has 10 request parameters of mixed types (strings with length, character and
prefix rules, an integer range, a boolean, two enums, an array of key/value objects with
maxItems), a response with 3 fields (one nested object), 10 error codes (one with a `%s`
placeholder), a success and an error example. Operations are spread over services of
`--per-service` operations each (default 50), alternating Alibaba and Tencent protocols, so
the set exercises every emitter path. Output is deterministic.
"""

import argparse
import json
import os


def param_block(i: int, tencent: bool) -> str:
    loc = "" if tencent else ("\n        in: form" if i % 2 else "")
    return f"""
      - name: ImageName
        type: string
        required: true
        description: The name of the image. It must be 2 to 128 characters in length and start with a letter.
        example: image-{i}
        minLength: 2
        maxLength: 128
        allowedChars: {{classes: [letter, digit], chars: ":_-"}}
        firstChar: {{classes: [letter]}}
        forbiddenPrefixes: ["http://", "https://"]
        citations:
          - {{says: "It must be 2 to 128 characters in length", for: [minLength, maxLength]}}
          - {{says: "and start with a letter.", for: [firstChar]}}
          - {{says: "Letters, digits, colons, underscores and hyphens.", for: [allowedChars]}}
          - {{says: "It cannot start with http:// or https://.", for: [forbiddenPrefixes]}}{loc}
      - name: InstanceId
        type: string
        description: The ID of the instance.
        example: i-{i:08d}
      - name: SnapshotId
        type: string
        description: The ID of the snapshot.
        example: s-{i:08d}
      - name: Description
        type: string
        description: The description. It can be up to 256 characters long.
        example: synthetic operation {i}
        maxLength: 256
        citations: [{{says: "It can be up to 256 characters long.", for: [maxLength]}}]
      - name: Size
        type: integer
        description: The size in GiB, from 20 to 500.
        example: 40
        minimum: 20
        maximum: 500
        citations: [{{says: "from 20 to 500", for: [minimum, maximum]}}]
      - name: DryRun
        type: boolean
        description: Only checks the request.
        example: false
      - name: DiskType
        type: string
        description: The disk type.
        example: ALL
        enum: [SYSTEM, ALL]
        enumDescriptions: {{SYSTEM: system disk only., ALL: system and data disks.}}
      - name: ForcePoweroff
        type: string
        description: Whether to force power-off.
        example: "false"
        enum: ["true", "false"]
        default: "false"
      - name: ClientToken
        type: string
        description: Idempotency token, ASCII, at most 64 characters.
        example: 123e4567-e89b-12d3-a456-426655440000
        asciiOnly: true
        maxLength: 64
        citations: [{{says: "ASCII, at most 64 characters.", for: [asciiOnly, maxLength]}}]
      - name: Tag
        type: array
        description: Tags, up to 20.
        maxItems: 20
        citations: [{{says: "up to 20", for: [maxItems]}}]
        items:
          type: object
          description: A tag.
          properties:
            - name: Key
              type: string
              description: The tag key, up to 64 characters, not starting with acs:.
              example: k
              maxLength: 64
              forbiddenPrefixes: ["acs:", "aliyun"]
              citations: [{{says: "up to 64 characters", for: [maxLength]}}, {{says: "not starting with acs:.", for: [forbiddenPrefixes]}}]
            - name: Value
              type: string
              description: The tag value, up to 64 characters.
              example: v
              maxLength: 64
              citations: [{{says: "up to 64 characters", for: [maxLength]}}]"""


def errors_block(tencent: bool) -> str:
    codes = [
        ("InvalidParameter.%s", "The specified field %s is invalid."),
        ("InvalidInstanceId.NotFound", "The instance does not exist."),
        ("InvalidSnapshotId.NotFound", "The snapshot does not exist."),
        ("QuotaExceeded", "The image quota is used up."),
        ("ImageNameAlreadyExist", "The image name already exists."),
        ("IncorrectInstanceStatus", "The instance status does not allow this."),
        ("InternalError", "An internal error occurred."),
        ("OperationDenied", "The operation is denied."),
        ("ResourceInUse", "The resource is in use."),
        ("UnsupportedOperation", "The operation is not supported."),
    ]
    out = []
    for code, msg in codes:
        status = "" if tencent else "status: 400, "
        out.append(f"      - {{{status}code: {code}, message: \"{msg}\"}}")
    return "\n".join(out)


def operation(i: int, tencent: bool) -> str:
    name = f"CreateImage{i:05d}"
    success = {"RequestId": f"req-{i}", "ImageId": f"m-{i}", "Data": {"TaskId": f"t-{i}"}}
    error = {"RequestId": f"req-{i}", "Code": "QuotaExceeded", "Message": "The image quota is used up."}
    if tencent:
        success = {"Response": success}
        error = {"Response": {"Error": {"Code": "QuotaExceeded", "Message": "The image quota is used up."}, "RequestId": f"req-{i}"}}
    envelope = "\n    responseEnvelope: Response" if tencent else ""
    return f"""
  - name: {name}
    summary: Creates image {i} from an instance or a snapshot.
    source: [{{url: "https://example.com/{name}", lastUpdated: "2026-01-01", language: en}}]{envelope}
    parameters:{param_block(i, tencent)}
    rules:
      - {{kind: mutuallyExclusive, parameters: [InstanceId, SnapshotId], says: "Pass an instance or a snapshot, not both."}}
    response:
      - {{name: RequestId, type: string, description: The request ID.}}
      - {{name: ImageId, type: string, description: The image ID.}}
      - name: Data
        type: object
        description: Task details.
        properties:
          - {{name: TaskId, type: string, description: The task ID.}}
    errors:
{errors_block(tencent)}
    examples:
      - title: Success
        kind: success
        status: 200
        body: '{json.dumps(success)}'
      - title: Quota exceeded
        kind: error
        status: {200 if tencent else 400}
        body: '{json.dumps(error)}'
"""


def service(index: int, ops: range) -> tuple[str, str]:
    tencent = index % 2 == 1
    provider = "tencent" if tencent else "alibaba"
    product = f"synth{index:04d}"
    header = f"""# yaml-language-server: $schema=../../spec.schema.json
service:
  provider: {provider}
  product: {product}
  name: Synthetic service {index}
  version: "2026-01-01"
  protocol: {"tencent-api3" if tencent else "alibaba-rpc"}
  endpoints: {{rule: regional, host: "{product}.{{region}}.example.com", regions: [cn-hangzhou, ap-southeast-1]}}
operations:"""
    body = "".join(operation(i, tencent) for i in ops)
    return f"{provider}/{product}/2026-01-01.yaml", header + body


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("operations", type=int)
    ap.add_argument("out")
    ap.add_argument("--per-service", type=int, default=50)
    args = ap.parse_args()
    if args.operations < 1 or args.per_service < 1:
        ap.error("operations and --per-service must be positive")
    count = 0
    index = 0
    while count < args.operations:
        n = min(args.per_service, args.operations - count)
        path, text = service(index, range(count, count + n))
        full = os.path.join(args.out, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8") as f:
            f.write(text)
        count += n
        index += 1
    print(f"wrote {count} operations in {index} services under {args.out}")


if __name__ == "__main__":
    main()
