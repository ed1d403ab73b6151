"""Generated change-management scenarios for benchmarks (validation, state search, scoring).

``generate(n_nodes, seed)`` returns the OLX of a valid, layered scenario: a start node,
then layers of ``WIDTH`` nodes, each node leading only to the next layer; conditional
choices (``when``), mid-way routers and a final router to several endings. Deterministic
for a given (n_nodes, seed).

Why it validates clean and stays near-linear to analyse:

* every node is entered through one "spanning" choice that sets ``k`` (readiness,
  0..2) to 2, so every conditional choice (all true when ``k`` is 2) is offered in some
  reachable state, and each node always has an unconditional choice (nobody gets stuck);
* metrics have small ranges (``d`` support 0..4, ``k`` readiness 0..2), so a node has at most
  15 distinct metric states whatever the scenario size: states grow linearly with nodes;
* the last layer sets ``d`` to 0, 1 or 4 before the final router, so each ending
  is reachable.
"""
from __future__ import annotations

import random

WIDTH = 4
KOTTER = ("urgency", "coalition", "vision", "volunteers", "barriers", "wins",
          "acceleration", "institute")
COMPETENCIES = ("komunikasi", "kerja_sama", "adaptif", "kolaboratif", "loyal")
CONDITIONS = ("k &gt;= 2", "k == 2 or d &gt; 3", "not (k &lt; 2)", "k &gt; 1 and d &gt;= 0")
ROUTER_EVERY = 10  # a router after every tenth layer


def _layers(n_nodes: int) -> list[list[str]]:
    n_nodes = max(1, int(n_nodes))
    layers = [["n0_0"]]
    made = 1
    k = 1
    while made < n_nodes:
        size = min(WIDTH, n_nodes - made)
        layers.append([f"n{k}_{j}" for j in range(size)])
        made += size
        k += 1
    return layers


def generate(n_nodes: int, seed: int = 0) -> str:
    rng = random.Random(f"gen_simulation:{n_nodes}:{seed}")
    layers = _layers(n_nodes)
    depth = len(layers)
    out = [
        '<asn_change_simulation display_name="Generated scenario" start="n0_0" '
        'scoring="path" framework="kotter" lang="id" max_attempts="3">',
        "<intro><p>Skenario buatan untuk uji kinerja (contoh fiktif).</p></intro>",
        '<metric id="d" label="Dukungan pimpinan" initial="2" max="4"/>',
        '<metric id="k" label="Kesiapan pegawai" initial="2" max="2"/>',
    ]
    routers: list[str] = []
    choice_no = 0

    def choice(goto: str, effects: list[tuple[str, str, int]], when: str = "",
               points: int | None = None) -> str:
        # Compact on purpose: 5,000 nodes must stay under the OLX size limit (2 MB).
        nonlocal choice_no
        choice_no += 1
        attrs = f'id="c{choice_no}" goto="{goto}"'
        if when:
            attrs += f' when="{when}"'
        points = rng.randint(0, 3) if points is None else points
        if points:
            attrs += f' points="{points}"'
            if rng.random() < 0.3:
                attrs += f' competency="{rng.choice(COMPETENCIES)}"'
        parts = [f"<choice {attrs}><text>Opsi {choice_no}</text>"]
        parts += [f'<effect metric="{m}" {op}="{v}"/>' for m, op, v in effects]
        if choice_no % 10 == 0:
            parts.append(f"<feedback><p>Umpan balik {choice_no}.</p></feedback>")
        parts.append("</choice>")
        return "".join(parts)

    for k, layer in enumerate(layers):
        step = KOTTER[min(len(KOTTER) - 1, k * len(KOTTER) // depth)]
        nxt = layers[k + 1] if k + 1 < depth else None
        children: dict[str, list[str]] = {node: [] for node in layer}
        if nxt:
            for j, target in enumerate(nxt):
                children[layer[j % len(layer)]].append(target)
        router_id = None
        if nxt and k % ROUTER_EVERY == ROUTER_EVERY - 1 and len(nxt) >= 2:
            router_id = f"r{k}"
            high, low = rng.sample(nxt, 2)
            routers.append(f'<router id="{router_id}"><route when="d &gt;= 3" goto="{high}"/>'
                           f'<route goto="{low}"/></router>')
        for position, node in enumerate(layer):
            out.append(f'<node id="{node}" title="Titik {node}" step="{step}">'
                       f"<content>Situasi {node}</content>")
            if nxt is None:
                out.append(choice("r_final", [("d", "set", 4)], points=3))
                out.append(choice("r_final", [("d", "set", 1)], points=1))
                out.append(choice("r_final", [("d", "set", 0)], points=0))
                out.append(choice("e_withdraw", [], points=0))
            else:
                for target in children[node]:
                    out.append(choice(target, [("k", "set", 2)]))
                if not children[node] or rng.random() < 0.5:
                    out.append(choice(rng.choice(nxt), [("k", "add", -1),
                                                        ("d", "add", rng.choice((-1, 1)))]))
                to_router = router_id is not None and (position == 0 or rng.random() < 0.3)
                if to_router or rng.random() < 0.5:
                    out.append(choice(router_id if to_router else rng.choice(nxt),
                                      [("d", "add", 2)], when=rng.choice(CONDITIONS)))
            out.append("</node>")
    out += routers
    out += ['<router id="r_final"><route when="d &gt;= 3" goto="e_success"/>'
            '<route when="d &gt;= 1" goto="e_partial"/><route goto="e_failure"/></router>',
            '<ending id="e_success" title="Berhasil" score="1" outcome="success">'
            "<p>Perubahan melembaga.</p></ending>",
            '<ending id="e_partial" title="Sebagian" score="0.6" outcome="partial">'
            "<p>Sebagian unit berubah.</p></ending>",
            '<ending id="e_withdraw" title="Mundur" score="0.4" outcome="partial">'
            "<p>Proyek dihentikan sementara.</p></ending>",
            '<ending id="e_failure" title="Gagal" score="0.2" outcome="failure">'
            "<p>Perubahan ditolak.</p></ending>",
            "</asn_change_simulation>"]
    return "\n".join(out) + "\n"


if __name__ == "__main__":  # pragma: no cover - manual use
    import sys

    print(generate(int(sys.argv[1]) if len(sys.argv) > 1 else 50,
                   int(sys.argv[2]) if len(sys.argv) > 2 else 0), end="")
