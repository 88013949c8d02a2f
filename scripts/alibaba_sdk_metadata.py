#!/usr/bin/env python3
"""Restores what the public Alibaba api-docs mirror strips, from the official Python SDK.

The mirror in metadata/alibaba/<product>/<version>/mirror/api-docs.json has no descriptions and
no response schemas. The official Python SDK (alibabacloud-<product><version> on PyPI) carries
both: the comment above each `self.x = x` in a model's `__init__` is the field's description,
`to_map` gives its wire name, and `{Api}ResponseBody` is the response. This script writes
metadata/alibaba/<product>/<version>/api-docs.json: the mirror's content unchanged, plus

  * per request parameter (and nested member) `schema.description`, from `{Api}Request` (or
    `{Api}ShrinkRequest` for a parameter sent as JSON text);
  * per API `responses: {"200": {"schema": ...}}`, built from `{Api}ResponseBody`;
  * `info["x-cloudspec-restored"]`: the package, version, wheel digest, this script and the
    fields restored, with the counts and the disagreements between the SDK and the mirror.

The mirror wins for requests: the SDK only adds descriptions; a parameter it lacks or adds, or
types differently, is reported (stdout and the `disagreements` list), never changed.

Usage:
  scripts/alibaba_sdk_metadata.py ens 2017-11-10 [--wheel PATH] [--root metadata/alibaba]
  scripts/alibaba_sdk_metadata.py --all [--wheel-dir DIR]

Without --wheel the pinned wheel is fetched with `pip download --no-deps`. Standard library
only; the output is the same bytes on every run.
"""

import argparse
import ast
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile

# product, version -> (package, pinned version)
PINNED = {
    ("ens", "2017-11-10"): ("alibabacloud-ens20171110", "12.1.0"),
    ("swas-open", "2020-06-01"): ("alibabacloud-swas-open20200601", "4.0.0"),
    ("appstream-center", "2021-09-01"): ("alibabacloud-appstream-center20210901", "5.9.0"),
    ("ecs", "2014-05-26"): ("alibabacloud-ecs20140526", "7.11.8"),
    ("cs", "2015-12-15"): ("alibabacloud-cs20151215", "7.2.3"),
}

# What `--all` restores (ECS and CS are curated by hand from the pages; see metadata/README.md).
DEFAULT = [("ens", "2017-11-10"), ("swas-open", "2020-06-01"), ("appstream-center", "2021-09-01")]

SCRIPT = "scripts/alibaba_sdk_metadata.py"

# Boilerplate the SDK generator adds to a description for what the metadata states as data.
BOILERPLATE = {"This parameter is required."}


class Field:
    """One `self.x = x` of a model's `__init__`."""

    def __init__(self, attr, annotation, description):
        self.attr = attr
        self.annotation = annotation  # an ast node, or None
        self.description = description  # text, or None
        self.wire = None
        self.example = None


class Model:
    def __init__(self, name):
        self.name = name
        self.fields = {}  # attr -> Field, in __init__ order
        self.by_wire = {}  # wire name -> Field


def comment_above(lines, lineno):
    """The comment block right above line `lineno` (1-based), as text."""
    out = []
    i = lineno - 2
    while i >= 0:
        s = lines[i].strip()
        if not s.startswith("#"):
            break
        out.append(re.sub(r"^# ?", "", s).rstrip())
        i -= 1
    out.reverse()
    return out


def clean(comment_lines):
    """A description and an example from the SDK's comment lines."""
    lines = [l for l in comment_lines if l.strip() not in BOILERPLATE]
    example = None
    # An "example:" block: the value on the lines after it, up to a blank line.
    for i, l in enumerate(lines):
        if l.strip().lower() == "example:":
            block = []
            for m in lines[i + 1 :]:
                if not m.strip():
                    break
                block.append(m.strip())
            if len(block) == 1:
                example = block[0]
            lines = lines[:i] + lines[i + 1 + len(block) :]
            break
    text = "\n".join(lines)
    text = re.sub(r"\n[ \t]*\n([ \t]*\n)+", "\n\n", text).strip()
    return (text or None), example


def self_attr(node):
    if (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "self"
    ):
        return node.attr
    return None


def read_models(sources):
    """Every model class of the package's model sources (path -> text), by class name."""
    models = {}
    for path in sorted(sources):
        text = sources[path]
        lines = text.splitlines()
        tree = ast.parse(text, filename=path)
        for cls in tree.body:
            if not isinstance(cls, ast.ClassDef):
                continue
            m = Model(cls.name)
            for fn in cls.body:
                if not isinstance(fn, ast.FunctionDef):
                    continue
                if fn.name == "__init__":
                    annotations = {a.arg: a.annotation for a in fn.args.args[1:]}
                    for st in fn.body:
                        if isinstance(st, ast.Assign) and len(st.targets) == 1:
                            attr = self_attr(st.targets[0])
                            if attr is None:
                                continue
                            desc, example = clean(comment_above(lines, st.lineno))
                            f = Field(attr, annotations.get(attr), desc)
                            f.example = example
                            m.fields[attr] = f
                elif fn.name == "to_map":
                    for st in ast.walk(fn):
                        if not isinstance(st, ast.If):
                            continue
                        t = st.test
                        if not (isinstance(t, ast.Compare) and self_attr(t.left)):
                            continue
                        attr = self_attr(t.left)
                        for sub in ast.walk(st):
                            if (
                                isinstance(sub, ast.Subscript)
                                and isinstance(sub.value, ast.Name)
                                and sub.value.id == "result"
                                and isinstance(sub.slice, ast.Constant)
                                and isinstance(sub.slice.value, str)
                            ):
                                if attr in m.fields and m.fields[attr].wire is None:
                                    m.fields[attr].wire = sub.slice.value
                                break
            for f in m.fields.values():
                if f.wire is not None:
                    m.by_wire[f.wire] = f
            models[cls.name] = m
    return models


def kind(ann):
    """An annotation as (kind, inner): ("string"|"integer"|"number"|"boolean"|"any", None),
    ("array", item annotation), ("map", value annotation), ("object", class name)."""
    if ann is None:
        return ("any", None)
    if isinstance(ann, ast.Name):
        n = ann.id
        return {
            "str": ("string", None),
            "int": ("integer", None),
            "float": ("number", None),
            "bool": ("boolean", None),
            "Any": ("any", None),
            "dict": ("any", None),
            "bytes": ("string", None),
        }.get(n, ("object", n))
    if isinstance(ann, ast.Attribute):  # main_models.X
        return ("object", ann.attr)
    if isinstance(ann, ast.Subscript) and isinstance(ann.value, ast.Name):
        if ann.value.id == "List":
            return ("array", ann.slice)
        if ann.value.id == "Dict" and isinstance(ann.slice, ast.Tuple):
            return ("map", ann.slice.elts[1])
    if isinstance(ann, ast.Constant) and isinstance(ann.value, str):
        return kind(ast.parse(ann.value, mode="eval").body)
    return ("any", None)


def response_schema(models, ann, omitted, where, depth=0):
    """A JSON schema for a response value of annotation `ann`, or None when the format the
    reader takes cannot state it (free-form `Any`)."""
    k, inner = kind(ann)
    if k in ("string", "integer", "number", "boolean"):
        return {"type": k}
    if k == "array":
        items = response_schema(models, inner, omitted, where + "[]", depth + 1)
        if items is None:
            return None
        return {"type": "array", "items": items}
    if k == "map":
        values = response_schema(models, inner, omitted, where + "{}", depth + 1)
        if values is None:
            return None
        return {"type": "object", "additionalProperties": values}
    if k == "object" and inner in models and depth < 30:
        return object_schema(models, models[inner], omitted, where, depth + 1)
    omitted.append(where)
    return None


def object_schema(models, model, omitted, where, depth):
    props = {}
    for f in model.fields.values():
        if f.wire is None:
            continue
        s = response_schema(models, f.annotation, omitted, where + "." + f.wire, depth)
        if s is None:
            continue
        if f.description:
            s["description"] = f.description
        if f.example is not None and s.get("type") in ("string", "integer", "number", "boolean"):
            s["example"] = f.example
        props[f.wire] = s
    return {"type": "object", "properties": props}


def mirror_kind(schema):
    return schema.get("type", "string")


def sdk_kind_matches(mk, ann):
    k, _ = kind(ann)
    if k == "any":
        return True
    if mk == "object":
        return k in ("object", "map")
    if mk == "number":
        return k in ("number", "integer")
    return k == mk


def describe(models, model, schema, where, counts, disagreements, shrink=None):
    """Adds the SDK's descriptions to the mirror's `properties` of `schema` (in place)."""
    props = schema.get("properties")
    if not isinstance(props, dict):
        return
    for name in props:
        sub = props[name]
        f = model.by_wire.get(name) if model else None
        if f is None:
            disagreements.append(f"{where}.{name}: in the mirror, not in the SDK's {model.name if model else '(no model)'}")
            continue
        annotate(models, f, sub, f"{where}.{name}", counts, disagreements)
    if model:
        for wire in sorted(model.by_wire):
            if wire not in props:
                disagreements.append(f"{where}.{wire}: in the SDK's {model.name}, not in the mirror")


def annotate(models, f, schema, where, counts, disagreements, fallback=None):
    """The SDK field `f`'s description (and its members', recursively) added to `schema`."""
    desc = f.description or (fallback.description if fallback else None)
    if desc and "description" not in schema:
        schema["description"] = desc
        counts["descriptions"] += 1
    ann = f.annotation
    if not sdk_kind_matches(mirror_kind(schema), ann):
        # A json-style parameter is typed as its structure in the Request and as text in the
        # ShrinkRequest; either agreeing is agreement.
        if not (fallback and sdk_kind_matches(mirror_kind(schema), fallback.annotation)):
            disagreements.append(
                f"{where}: the mirror says {mirror_kind(schema)}, the SDK {ast.unparse(ann) if ann is not None else 'nothing'}"
            )
        return
    k, inner = kind(ann)
    target = schema
    while k == "array" and isinstance(target.get("items"), dict):
        target = target["items"]
        k, inner = kind(inner)
    if k == "object" and inner in models and isinstance(target.get("properties"), dict):
        describe(models, models[inner], target, where, counts, disagreements)


def lookup(models, model, name):
    """The field of `model` a mirror parameter names: `Name`, or a flattened member path
    such as `SystemDisk.Size` or `DataDisk.1.Size` (the index of a list item skipped)."""
    if model is None:
        return None
    if name in model.by_wire:
        return model.by_wire[name]
    parts = [p for p in name.split(".") if not p.isdigit()]
    f = None
    for i, part in enumerate(parts):
        if model is None or part not in model.by_wire:
            return None
        f = model.by_wire[part]
        if i + 1 < len(parts):
            k, inner = kind(f.annotation)
            while k == "array":
                k, inner = kind(inner)
            model = models.get(inner) if k == "object" else None
    return f


def class_named(models, name):
    if name in models:
        return models[name]
    low = name.lower()
    for n in sorted(models):
        if n.lower() == low:
            return models[n]
    return None


def restore(doc, models, package, version, digest):
    counts = {
        "apis": 0,
        "descriptions": 0,
        "apis with descriptions": 0,
        "responses": 0,
        "response fields": 0,
    }
    disagreements = []
    omitted = []
    apis = doc["apis"]
    for api in apis:
        a = apis[api]
        req = class_named(models, api + "Request")
        shrink = class_named(models, api + "ShrinkRequest")
        body = class_named(models, api + "ResponseBody")
        if req is None and body is None:
            disagreements.append(f"{api}: in the mirror, not in the SDK")
            continue
        counts["apis"] += 1
        before = counts["descriptions"]
        names = set()
        for p in a.get("parameters") or []:
            name = p.get("name")
            names.add(name)
            schema = p.get("schema")
            if not isinstance(schema, dict):
                continue
            f = lookup(models, req, name)
            sf = lookup(models, shrink, name)
            if f is None and sf is None:
                disagreements.append(f"{api}.{name}: in the mirror, not in the SDK")
                continue
            if f is None:
                f, sf = sf, None
            annotate(models, f, schema, f"{api}.{name}", counts, disagreements, fallback=sf)
        if req:
            # `SystemDisk.Size` and `DataDisk.1.Size` in the mirror name members of the SDK's
            # `SystemDisk` and `DataDisk`.
            heads = {n.split(".")[0] for n in names}
            for wire in sorted(req.by_wire):
                if wire not in heads:
                    disagreements.append(f"{api}.{wire}: in the SDK, not in the mirror")
        if counts["descriptions"] > before:
            counts["apis with descriptions"] += 1
        if body is not None and "responses" not in a:
            schema = object_schema(models, body, omitted, api, 0)
            a["responses"] = {"200": {"schema": schema}}
            counts["responses"] += 1
            counts["response fields"] += count_fields(schema)
    sdk_apis = sorted(
        n[: -len("ResponseBody")]
        for n in models
        if n.endswith("ResponseBody") and n[: -len("ResponseBody")] + "Response" in models
    )
    mirror_lower = {n.lower() for n in apis}
    for n in sdk_apis:
        if n.lower() not in mirror_lower:
            disagreements.append(f"{n}: in the SDK, not in the mirror")
    doc["info"]["x-cloudspec-restored"] = {
        "package": package,
        "version": version,
        "wheelSha256": digest,
        "script": SCRIPT,
        "mirror": "mirror/api-docs.json",
        "fields": [
            "apis.*.parameters.*.schema.description (and nested members')",
            "apis.*.responses.200.schema",
        ],
        "counts": counts,
        "omitted": omitted,
        "disagreements": disagreements,
    }
    return counts, disagreements, omitted


def count_fields(schema):
    n = 0
    for sub in (schema.get("properties") or {}).values():
        n += 1
        n += count_fields(sub)
    if isinstance(schema.get("items"), dict):
        n += count_fields(schema["items"])
    if isinstance(schema.get("additionalProperties"), dict):
        n += count_fields(schema["additionalProperties"])
    return n


def model_sources(wheel):
    """The text of the package's model modules: `models/_*.py` (new style) or `models.py`."""
    out = {}
    with zipfile.ZipFile(wheel) as z:
        for n in sorted(z.namelist()):
            parts = n.split("/")
            if len(parts) == 3 and parts[1] == "models" and parts[2].endswith(".py") and parts[2] != "__init__.py":
                out[n] = z.read(n).decode("utf-8")
            elif len(parts) == 2 and parts[1] == "models.py":
                out[n] = z.read(n).decode("utf-8")
    if not out:
        raise SystemExit(f"{wheel}: no models/_*.py or models.py")
    return out


def fetch_wheel(package, version, into):
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
         "-d", into, f"{package}=={version}"],
        check=True,
    )
    for n in sorted(os.listdir(into)):
        if n.endswith(".whl"):
            return os.path.join(into, n)
    raise SystemExit(f"pip download gave no wheel for {package}=={version}")


def find_wheel(wheel_dir, package, version):
    stem = package.replace("-", "_") + "-" + version + "-"
    for n in sorted(os.listdir(wheel_dir)):
        if n.startswith(stem) and n.endswith(".whl"):
            return os.path.join(wheel_dir, n)
    return None


def run(product, version, root, wheel, wheel_dir):
    package, pinned = PINNED[(product, version)]
    base = os.path.join(root, product, version)
    mirror = os.path.join(base, "mirror", "api-docs.json")
    with open(mirror, encoding="utf-8") as f:
        doc = json.load(f)
    with tempfile.TemporaryDirectory() as tmp:
        if wheel is None and wheel_dir:
            wheel = find_wheel(wheel_dir, package, pinned)
        if wheel is None:
            wheel = fetch_wheel(package, pinned, tmp)
        name = os.path.basename(wheel)
        if f"-{pinned}-" not in name:
            raise SystemExit(f"{wheel}: not {package} {pinned}, the pinned version")
        with open(wheel, "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()
        models = read_models(model_sources(wheel))
    counts, disagreements, omitted = restore(doc, models, package, pinned, digest)
    out = os.path.join(base, "api-docs.json")
    text = json.dumps(doc, indent=4, ensure_ascii=False)
    with open(out + ".tmp", "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(out + ".tmp", out)
    print(f"{out}: from {package} {pinned}: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
    for o in omitted:
        print(f"  omitted (free-form, not stated by the format): {o}")
    print(f"  {len(disagreements)} disagreements between the SDK and the mirror (the mirror wins):")
    for d in disagreements:
        print(f"    {d}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("product", nargs="?")
    ap.add_argument("version", nargs="?")
    ap.add_argument("--all", action="store_true", help="ens, swas-open and appstream-center")
    ap.add_argument("--wheel", help="the pinned wheel, already downloaded")
    ap.add_argument("--wheel-dir", help="a directory holding the pinned wheels")
    ap.add_argument("--root", default="metadata/alibaba")
    args = ap.parse_args()
    if args.all:
        targets = DEFAULT
    elif args.product and args.version:
        targets = [(args.product, args.version)]
    else:
        ap.error("name a product and version, or --all")
    for t in targets:
        if t not in PINNED:
            ap.error(f"no pinned SDK for {t[0]} {t[1]}: known: {sorted(PINNED)}")
        run(t[0], t[1], args.root, args.wheel if len(targets) == 1 else None, args.wheel_dir)


if __name__ == "__main__":
    main()
