#!/usr/bin/env python3
"""Derives the JSON schemas the deploy checks validate deploy/k8s against (see deploy/k8s/README.md).

Input, in SOURCES (regenerate.sh fills it): fabric8's schema/validation-schema.json of
kubernetes-model-{core,apps,autoscaling,policy} and openshift-model-monitoring (the Kubernetes and
prometheus-operator types), and the CRDs that Strimzi's own CrdGenerator writes from io.strimzi:api.
Output: strict draft-07 schemas in OUT: an object with named properties accepts no other field,
as `kubectl apply --validate=strict` refuses unknown fields; apiVersion and kind are constants.
"""
import json
import pathlib
import sys

import yaml

SOURCES = pathlib.Path(sys.argv[1])
OUT = pathlib.Path(sys.argv[2])
DRAFT = "http://json-schema.org/draft-07/schema#"

FABRIC8_MODULES = ["kubernetes-model-core", "kubernetes-model-apps", "kubernetes-model-autoscaling",
                   "kubernetes-model-policy", "openshift-model-monitoring"]
JAVA_KEYS = {"javaType", "existingJavaType", "javaInterfaces", "javaOmitEmpty", "javaEnumNames", "default"}
# fabric8 models these as Java objects; on the wire they are scalars.
SCALARS = {
    "kubernetes_apimachinery_pkg_util_intstr_IntOrString": {"type": ["integer", "string"]},
    "kubernetes_resource_Quantity": {"type": ["string", "number"]},
    "k8s_io_apimachinery_pkg_api_resource_Quantity": {"type": ["string", "number"]},
    "kubernetes_apimachinery_pkg_runtime_RawExtension": {"type": "object"},
    "kubernetes_apimachinery_FieldsV1": {"type": "object"},
    "kubernetes_apimachinery_pkg_apis_FieldsV1": {"type": "object"},
    "kubernetes_apimachinery_pkg_apis_MicroTime": {"type": "string"},
}
# (file, definition, apiVersion, kind)
CORE_KINDS = [
    ("kubernetes-1.30.schema.json", "kubernetes_core_Namespace", "v1", "Namespace"),
    ("kubernetes-1.30.schema.json", "kubernetes_core_ConfigMap", "v1", "ConfigMap"),
    ("kubernetes-1.30.schema.json", "kubernetes_core_Secret", "v1", "Secret"),
    ("kubernetes-1.30.schema.json", "kubernetes_core_Service", "v1", "Service"),
    ("kubernetes-1.30.schema.json", "kubernetes_apps_Deployment", "apps/v1", "Deployment"),
    ("kubernetes-1.30.schema.json", "kubernetes_autoscaling_v2_HorizontalPodAutoscaler", "autoscaling/v2",
     "HorizontalPodAutoscaler"),
    ("kubernetes-1.30.schema.json", "kubernetes_policy_v1_PodDisruptionBudget", "policy/v1", "PodDisruptionBudget"),
    ("kubernetes-1.30.schema.json", "kubernetes_apimachinery_ObjectMeta", None, None),
    ("prometheus-operator-monitoring-v1.schema.json", "os_monitoring_v1_ServiceMonitor", "monitoring.coreos.com/v1",
     "ServiceMonitor"),
]
STRIMZI_CRDS = ["kafka", "kafkanodepool", "kafkatopic"]


def fabric8_definitions():
    definitions = {}
    for module in FABRIC8_MODULES:
        schema = json.loads((SOURCES / module / "schema/validation-schema.json").read_text())
        for name, definition in schema["definitions"].items():
            definitions.setdefault(name, definition)  # the owning module comes first in FABRIC8_MODULES
    return definitions


def clean_fabric8(node):
    """Drops fabric8's Java hints and moves its per-property `required: true` to the parent's list."""
    if isinstance(node, list):
        return [clean_fabric8(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {k: clean_fabric8(v) for k, v in node.items() if k not in JAVA_KEYS and k != "properties"}
    if "properties" in node:
        required = []
        properties = {}
        for name, prop in node["properties"].items():
            if prop.get("required") is True:
                required.append(name)
            properties[name] = clean_fabric8({k: v for k, v in prop.items() if k != "required"})
        out["properties"] = properties
        if required:
            out["required"] = required
    return out


def strict(node):
    """An object with named properties accepts no other field, unless it says it keeps unknown ones."""
    if isinstance(node, list):
        return [strict(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key == "description" or key == "example":
            continue
        if key == "properties":
            out[key] = {name: strict(prop) for name, prop in value.items()}
        else:
            out[key] = strict(value)
    if out.get("x-kubernetes-int-or-string") and "type" not in out:
        out.pop("anyOf", None)
        out["type"] = ["integer", "string"]
    if out.get("nullable") is True and isinstance(out.get("type"), str):
        out["type"] = [out["type"], "null"]
    if (out.get("type") == "object" and "properties" in out
            and not out.get("x-kubernetes-preserve-unknown-fields")
            and out.get("additionalProperties") in (None, True)):
        out["additionalProperties"] = False
    return out


def closure(definitions, roots):
    seen, todo = set(), list(roots)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        text = json.dumps(definitions[name])
        for part in text.split('"#/definitions/')[1:]:
            todo.append(part.split('"', 1)[0])
    return sorted(seen)


def pin(definition, api_version, kind):
    definition = json.loads(json.dumps(definition))
    if api_version:
        definition["properties"]["apiVersion"] = {"const": api_version}
        definition["properties"]["kind"] = {"const": kind}
        definition["required"] = sorted(set(definition.get("required", [])) | {"apiVersion", "kind"})
        # A manifest declares desired state; status is the cluster's to write.
        definition["properties"].pop("status", None)
    return definition


def write(name, schema):
    (OUT / name).write_text(json.dumps(schema, indent=1, sort_keys=True) + "\n")


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    index = {}
    raw = fabric8_definitions()
    by_file = {}
    for file, definition, api_version, kind in CORE_KINDS:
        by_file.setdefault(file, []).append((definition, api_version, kind))
    for file, kinds in by_file.items():
        names = closure(raw, [d for d, _, _ in kinds])
        definitions = {}
        for n in names:
            definitions[n] = SCALARS.get(n) or strict(clean_fabric8(raw[n]))
        for definition, api_version, kind in kinds:
            definitions[definition] = pin(definitions[definition], api_version, kind)
            key = f"{api_version}/{kind}" if api_version else "metadata"
            index[key] = f"{file}#/definitions/{definition}"
        write(file, {"$schema": DRAFT, "definitions": definitions})
    for crd_name in STRIMZI_CRDS:
        crd = yaml.safe_load((SOURCES / "strimzi" / f"{crd_name}.yaml").read_text())
        group, kind = crd["spec"]["group"], crd["spec"]["names"]["kind"]
        for version in crd["spec"]["versions"]:
            if not version.get("served"):
                continue
            schema = strict(version["schema"]["openAPIV3Schema"])
            schema = pin(schema, f"{group}/{version['name']}", kind)
            schema["$schema"] = DRAFT
            file = f"strimzi-{kind.lower()}-{version['name']}.schema.json"
            write(file, schema)
            index[f"{group}/{version['name']}/{kind}"] = file
    # Written by hand (no artifact carries CloudNativePG's CRD): see deploy/k8s/README.md.
    index["postgresql.cnpg.io/v1/Cluster"] = "cloudnative-pg-cluster-v1.schema.json"
    write("index.json", dict(sorted(index.items())))


main()
