/*
 * mcf.c: primal network simplex with block-search pivoting (see mcf.h).
 *
 * The design follows LEMON's NetworkSimplex (Kovács, "Minimum-cost flow algorithms: an
 * experimental evaluation", 2015), written anew in C with int64 data:
 *
 * - Lower bounds are removed first (flow' = flow − lower, supplies shifted), so the simplex
 *   works on 0 ≤ flow' ≤ cap.
 * - An artificial root node is joined to every node by an artificial arc of cost 0 (nodes
 *   with supply ≥ 0, arc towards the root) or ART_COST (nodes with demand, arc from the root),
 *   ART_COST = (max|cost| + 1)·(nodes + 1), large enough that an optimum with flow left on an
 *   artificial arc proves the problem infeasible. These arcs form the first spanning tree,
 *   which is strongly feasible (every zero-flow tree arc points to the root).
 * - The tree is kept as parent / pred (the tree arc to the parent) / pred_dir (whether that
 *   arc points up or down) / thread (preorder successor, circular through the root) /
 *   rev_thread / succ_num (subtree size) / last_succ (last node of the subtree in thread
 *   order). A pivot costs O(cycle length + size of the re-hung subtree).
 * - Block search: the arcs are scanned in blocks of ≈ √m from where the last search stopped;
 *   the most negative reduced cost of the first block that has one enters. The leaving arc is
 *   the last blocking arc met when walking the cycle in its orientation from the join node,
 *   which keeps the tree strongly feasible and so prevents cycling under degeneracy.
 * - The arcs are stored in a "mixed" order (position i, i+skip, i+2·skip, …) so that blocks
 *   mix arcs of many nodes instead of all the arcs of one node.
 */
#include "core/mcf.h"

#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { STATE_UPPER = -1, STATE_TREE = 0, STATE_LOWER = 1 };
enum { DIR_DOWN = -1, DIR_UP = 1 };

#define NS_INF INT64_MAX

typedef struct ns ns;

struct mcf {
    int n;          /* user nodes */
    int m, m_alloc; /* user arcs, and room for them */
    int *tail, *head;
    int64_t *lower, *upper, *cost;
    int64_t *supply;

    /* The last solution (valid when solved && status == MCF_OPTIMAL). */
    bool solved;
    mcf_status status;
    int64_t *flow; /* per user arc, including the lower bound */
    int64_t *pi;   /* per node, public convention (λ = cost − π[tail] + π[head]) */
    int flow_room; /* entries allocated in flow (flow and pi are kept between solves) */
    long pivots;
    /* The simplex workspace's arrays, kept between solves of the same network (a branch and
     * bound solves one network thousands of times with other bounds: mcf_set_arc_bounds). */
    ns *ws;
    size_t ws_arcs, ws_nodes; /* the entries they were allocated for */
};

/* The simplex workspace of one mcf_solve (its arrays are the network's ws). */
struct ns {
    int node_num, arc_num, all_arc_num, root;
    int *source, *target;
    int64_t *cost, *cap, *flow;
    int8_t *state;
    int64_t *supply;
    int64_t *pi;
    int *parent, *pred, *thread, *rev_thread, *succ_num, *last_succ;
    int8_t *pred_dir;
    int *dirty_revs;
    int *pos;  /* user arc → its position (m + 1 entries) */
    int *best; /* per node: the cheapest arc into it, for the first pivots */
    int block_size, next_arc;
    /* The current pivot. */
    int in_arc, join, u_in, v_in, u_out, v_out, first, second;
    int64_t delta;
};

mcf *mcf_create(int n_nodes, int arc_hint) {
    OCOP_ASSERT(n_nodes >= 0 && n_nodes < INT_MAX - 1);
    mcf *g = xcalloc(1, sizeof *g);
    g->n = n_nodes;
    g->m_alloc = arc_hint > 16 ? arc_hint : 16;
    g->tail = xmalloc((size_t)g->m_alloc * sizeof *g->tail);
    g->head = xmalloc((size_t)g->m_alloc * sizeof *g->head);
    g->lower = xmalloc((size_t)g->m_alloc * sizeof *g->lower);
    g->upper = xmalloc((size_t)g->m_alloc * sizeof *g->upper);
    g->cost = xmalloc((size_t)g->m_alloc * sizeof *g->cost);
    g->supply = xcalloc((size_t)n_nodes + 1, sizeof *g->supply);
    return g;
}

static void forget_solution(mcf *g) {
    g->solved = false;
}

static void ns_free(ns *s);

void mcf_destroy(mcf *g) {
    if (g == NULL) {
        return;
    }
    if (g->ws) {
        ns_free(g->ws);
        free(g->ws);
    }
    free(g->flow);
    free(g->pi);
    free(g->tail);
    free(g->head);
    free(g->lower);
    free(g->upper);
    free(g->cost);
    free(g->supply);
    free(g);
}

void mcf_set_supply(mcf *g, int node, int64_t supply) {
    OCOP_ASSERT(node >= 0 && node < g->n);
    OCOP_ASSERT(supply >= -MCF_CAP_MAX && supply <= MCF_CAP_MAX);
    forget_solution(g);
    g->supply[node] = supply;
}

void mcf_set_arc_bounds(mcf *g, int arc, int64_t lower, int64_t upper) {
    OCOP_ASSERT(arc >= 0 && arc < g->m);
    OCOP_ASSERT(lower >= 0 && lower <= upper && upper <= MCF_CAP_MAX);
    forget_solution(g);
    g->lower[arc] = lower;
    g->upper[arc] = upper;
}

int64_t mcf_supply(const mcf *g, int node) {
    OCOP_ASSERT(node >= 0 && node < g->n);
    return g->supply[node];
}

int mcf_add_arc(mcf *g, int tail, int head, int64_t lower, int64_t upper, int64_t cost) {
    OCOP_ASSERT(tail >= 0 && tail < g->n && head >= 0 && head < g->n);
    OCOP_ASSERT(lower >= 0 && lower <= upper && upper <= MCF_CAP_MAX);
    OCOP_ASSERT(cost >= -MCF_COST_MAX && cost <= MCF_COST_MAX);
    OCOP_ASSERT(g->m < INT_MAX - g->n - 1);
    forget_solution(g);
    if (g->m == g->m_alloc) {
        g->m_alloc *= 2;
        g->tail = xreallocarray(g->tail, (size_t)g->m_alloc, sizeof *g->tail);
        g->head = xreallocarray(g->head, (size_t)g->m_alloc, sizeof *g->head);
        g->lower = xreallocarray(g->lower, (size_t)g->m_alloc, sizeof *g->lower);
        g->upper = xreallocarray(g->upper, (size_t)g->m_alloc, sizeof *g->upper);
        g->cost = xreallocarray(g->cost, (size_t)g->m_alloc, sizeof *g->cost);
    }
    int a = g->m++;
    g->tail[a] = tail;
    g->head[a] = head;
    g->lower[a] = lower;
    g->upper[a] = upper;
    g->cost[a] = cost;
    return a;
}

int mcf_node_count(const mcf *g) {
    return g->n;
}

int mcf_arc_count(const mcf *g) {
    return g->m;
}

int mcf_arc_tail(const mcf *g, int arc) {
    OCOP_ASSERT(arc >= 0 && arc < g->m);
    return g->tail[arc];
}

int mcf_arc_head(const mcf *g, int arc) {
    OCOP_ASSERT(arc >= 0 && arc < g->m);
    return g->head[arc];
}

int64_t mcf_arc_lower(const mcf *g, int arc) {
    OCOP_ASSERT(arc >= 0 && arc < g->m);
    return g->lower[arc];
}

int64_t mcf_arc_upper(const mcf *g, int arc) {
    OCOP_ASSERT(arc >= 0 && arc < g->m);
    return g->upper[arc];
}

int64_t mcf_arc_cost(const mcf *g, int arc) {
    OCOP_ASSERT(arc >= 0 && arc < g->m);
    return g->cost[arc];
}

const char *mcf_status_name(mcf_status s) {
    switch (s) {
    case MCF_OPTIMAL:
        return "optimal";
    case MCF_INFEASIBLE:
        return "infeasible";
    case MCF_UNBOUNDED:
        return "unbounded";
    case MCF_OVERFLOW:
        return "overflow";
    }
    return "?";
}

/* ---- the simplex ---------------------------------------------------------------------- */

/* Block search: the entering arc is the most negative reduced cost within the first block
 * (from next_arc on, wrapping around) that has a negative one. Returns false at optimality. */
static bool find_entering_arc(ns *s) {
    int64_t min = 0;
    int cnt = s->block_size;
    int e;
    const int8_t *state = s->state;
    const int64_t *cost = s->cost, *pi = s->pi;
    const int *source = s->source, *target = s->target;
    for (e = s->next_arc; e != s->arc_num; ++e) {
        int64_t c = state[e] * (cost[e] + pi[source[e]] - pi[target[e]]);
        if (c < min) {
            min = c;
            s->in_arc = e;
        }
        if (--cnt == 0) {
            if (min < 0) {
                goto found;
            }
            cnt = s->block_size;
        }
    }
    for (e = 0; e != s->next_arc; ++e) {
        int64_t c = state[e] * (cost[e] + pi[source[e]] - pi[target[e]]);
        if (c < min) {
            min = c;
            s->in_arc = e;
        }
        if (--cnt == 0) {
            if (min < 0) {
                goto found;
            }
            cnt = s->block_size;
        }
    }
    if (min >= 0) {
        return false;
    }
found:
    s->next_arc = e;
    return true;
}

/* The join node: the deepest common ancestor of the entering arc's ends (subtree sizes grow
 * towards the root, so the end with the smaller subtree steps up). */
static void find_join_node(ns *s) {
    int u = s->source[s->in_arc];
    int v = s->target[s->in_arc];
    while (u != v) {
        if (s->succ_num[u] < s->succ_num[v]) {
            u = s->parent[u];
        } else {
            v = s->parent[v];
        }
    }
    s->join = u;
}

/* The leaving arc and the step delta. Returns false when the entering arc itself blocks
 * (it only changes bound, the tree stays). */
static bool find_leaving_arc(ns *s) {
    if (s->state[s->in_arc] == STATE_LOWER) {
        s->first = s->source[s->in_arc];
        s->second = s->target[s->in_arc];
    } else {
        s->first = s->target[s->in_arc];
        s->second = s->source[s->in_arc];
    }
    s->delta = s->cap[s->in_arc];
    int result = 0;
    for (int u = s->first; u != s->join; u = s->parent[u]) {
        int e = s->pred[u];
        int64_t d = s->flow[e];
        if (s->pred_dir[u] == DIR_DOWN) {
            int64_t c = s->cap[e];
            d = c >= NS_INF ? NS_INF : c - d;
        }
        if (d < s->delta) {
            s->delta = d;
            s->u_out = u;
            result = 1;
        }
    }
    for (int u = s->second; u != s->join; u = s->parent[u]) {
        int e = s->pred[u];
        int64_t d = s->flow[e];
        if (s->pred_dir[u] == DIR_UP) {
            int64_t c = s->cap[e];
            d = c >= NS_INF ? NS_INF : c - d;
        }
        if (d <= s->delta) {
            s->delta = d;
            s->u_out = u;
            result = 2;
        }
    }
    if (result == 1) {
        s->u_in = s->first;
        s->v_in = s->second;
    } else {
        s->u_in = s->second;
        s->v_in = s->first;
    }
    return result != 0;
}

/* Pushes delta around the cycle and updates the states of the entering and leaving arcs. */
static void change_flow(ns *s, bool change) {
    if (s->delta > 0) {
        int64_t val = s->state[s->in_arc] * s->delta;
        s->flow[s->in_arc] += val;
        for (int u = s->source[s->in_arc]; u != s->join; u = s->parent[u]) {
            s->flow[s->pred[u]] -= s->pred_dir[u] * val;
        }
        for (int u = s->target[s->in_arc]; u != s->join; u = s->parent[u]) {
            s->flow[s->pred[u]] += s->pred_dir[u] * val;
        }
    }
    if (change) {
        s->state[s->in_arc] = STATE_TREE;
        int out = s->pred[s->u_out];
        s->state[out] = s->flow[out] == 0 ? STATE_LOWER : STATE_UPPER;
    } else {
        s->state[s->in_arc] = (int8_t)-s->state[s->in_arc];
    }
}

/* Re-hangs the subtree cut off by the leaving arc below v_in through the entering arc,
 * reversing the stem (the path u_in … u_out), and repairs thread, rev_thread, parent, pred,
 * pred_dir, succ_num and last_succ. */
static void update_tree_structure(ns *s) {
    int *parent = s->parent, *thread = s->thread, *rev_thread = s->rev_thread;
    int *succ_num = s->succ_num, *last_succ = s->last_succ, *pred = s->pred;
    int8_t *pred_dir = s->pred_dir;
    const int u_in = s->u_in, v_in = s->v_in, u_out = s->u_out, join = s->join;

    int old_rev_thread = rev_thread[u_out];
    int old_succ_num = succ_num[u_out];
    int old_last_succ = last_succ[u_out];
    s->v_out = parent[u_out];
    const int v_out = s->v_out;

    if (u_in == u_out) {
        parent[u_in] = v_in;
        pred[u_in] = s->in_arc;
        pred_dir[u_in] = u_in == s->source[s->in_arc] ? DIR_UP : DIR_DOWN;
        if (thread[v_in] != u_out) {
            int after = thread[old_last_succ];
            thread[old_rev_thread] = after;
            rev_thread[after] = old_rev_thread;
            after = thread[v_in];
            thread[v_in] = u_out;
            rev_thread[u_out] = v_in;
            thread[old_last_succ] = after;
            rev_thread[after] = old_last_succ;
        }
    } else {
        /* When old_rev_thread is v_in (so join is v_out) the thread continues elsewhere. */
        int thread_continue = old_rev_thread == v_in ? thread[old_last_succ] : thread[v_in];

        int stem = u_in;
        int par_stem = v_in;
        int next_stem;
        int last = last_succ[u_in];
        int before, after = thread[last];
        thread[v_in] = u_in;
        int n_dirty = 0;
        s->dirty_revs[n_dirty++] = v_in;
        while (stem != u_out) {
            next_stem = parent[stem];
            thread[last] = next_stem;
            s->dirty_revs[n_dirty++] = last;

            before = rev_thread[stem];
            thread[before] = after;
            rev_thread[after] = before;

            parent[stem] = par_stem;
            par_stem = stem;
            stem = next_stem;

            last = last_succ[stem] == last_succ[par_stem] ? rev_thread[par_stem] : last_succ[stem];
            after = thread[last];
        }
        parent[u_out] = par_stem;
        thread[last] = thread_continue;
        rev_thread[thread_continue] = last;
        last_succ[u_out] = last;

        if (old_rev_thread != v_in) {
            thread[old_rev_thread] = after;
            rev_thread[after] = old_rev_thread;
        }

        for (int i = 0; i != n_dirty; ++i) {
            int u = s->dirty_revs[i];
            rev_thread[thread[u]] = u;
        }

        int tmp_sc = 0, tmp_ls = last_succ[u_out];
        for (int u = u_out, p = parent[u]; u != u_in; u = p, p = parent[u]) {
            pred[u] = pred[p];
            pred_dir[u] = (int8_t)-pred_dir[p];
            tmp_sc += succ_num[u] - succ_num[p];
            succ_num[u] = tmp_sc;
            last_succ[p] = tmp_ls;
        }
        pred[u_in] = s->in_arc;
        pred_dir[u_in] = u_in == s->source[s->in_arc] ? DIR_UP : DIR_DOWN;
        succ_num[u_in] = old_succ_num;
    }

    int up_limit_out = last_succ[join] == v_in ? join : -1;
    int last_succ_out = last_succ[u_out];
    for (int u = v_in; u != -1 && last_succ[u] == v_in; u = parent[u]) {
        last_succ[u] = last_succ_out;
    }

    if (join != old_rev_thread && v_in != old_rev_thread) {
        for (int u = v_out; u != up_limit_out && last_succ[u] == old_last_succ; u = parent[u]) {
            last_succ[u] = old_rev_thread;
        }
    } else if (last_succ_out != old_last_succ) {
        for (int u = v_out; u != up_limit_out && last_succ[u] == old_last_succ; u = parent[u]) {
            last_succ[u] = last_succ_out;
        }
    }

    for (int u = v_in; u != join; u = parent[u]) {
        succ_num[u] += old_succ_num;
    }
    for (int u = v_out; u != join; u = parent[u]) {
        succ_num[u] -= old_succ_num;
    }
}

/* Shifts the potentials of the re-hung subtree so the entering arc has reduced cost 0. */
static void update_potential(ns *s) {
    int64_t sigma = s->pi[s->v_in] - s->pi[s->u_in] - s->pred_dir[s->u_in] * s->cost[s->in_arc];
    int end = s->thread[s->last_succ[s->u_in]];
    for (int u = s->u_in; u != end; u = s->thread[u]) {
        s->pi[u] += sigma;
    }
}

static void ns_free(ns *s) {
    free(s->source);
    free(s->target);
    free(s->cost);
    free(s->cap);
    free(s->flow);
    free(s->state);
    free(s->supply);
    free(s->pi);
    free(s->parent);
    free(s->pred);
    free(s->thread);
    free(s->rev_thread);
    free(s->succ_num);
    free(s->last_succ);
    free(s->pred_dir);
    free(s->dirty_revs);
    free(s->pos);
    free(s->best);
}

/* The workspace's arrays for `na` arcs (artificial ones included), `nn` nodes (the root
 * included) and `m` user arcs: the network's kept ones when they are large enough. */
static void ns_arrays(mcf *g, ns *s, size_t na, size_t nn) {
    if (g->ws == NULL || g->ws_arcs < na || g->ws_nodes < nn) {
        if (g->ws) {
            ns_free(g->ws);
        } else {
            g->ws = xmalloc(sizeof *g->ws);
        }
        ns *w = g->ws;
        w->source = xmalloc(na * sizeof *w->source);
        w->target = xmalloc(na * sizeof *w->target);
        w->cost = xmalloc(na * sizeof *w->cost);
        w->cap = xmalloc(na * sizeof *w->cap);
        w->flow = xmalloc(na * sizeof *w->flow);
        w->state = xmalloc(na * sizeof *w->state);
        w->pos = xmalloc(na * sizeof *w->pos);
        w->supply = xmalloc(nn * sizeof *w->supply);
        w->pi = xmalloc(nn * sizeof *w->pi);
        w->parent = xmalloc(nn * sizeof *w->parent);
        w->pred = xmalloc(nn * sizeof *w->pred);
        w->thread = xmalloc(nn * sizeof *w->thread);
        w->rev_thread = xmalloc(nn * sizeof *w->rev_thread);
        w->succ_num = xmalloc(nn * sizeof *w->succ_num);
        w->last_succ = xmalloc(nn * sizeof *w->last_succ);
        w->pred_dir = xmalloc(nn * sizeof *w->pred_dir);
        w->dirty_revs = xmalloc((nn + 1) * sizeof *w->dirty_revs);
        w->best = xmalloc(nn * sizeof *w->best);
        g->ws_arcs = na;
        g->ws_nodes = nn;
    }
    const ns *w = g->ws;
    s->source = w->source;
    s->target = w->target;
    s->cost = w->cost;
    s->cap = w->cap;
    s->flow = w->flow;
    s->state = w->state;
    s->pos = w->pos;
    s->supply = w->supply;
    s->pi = w->pi;
    s->parent = w->parent;
    s->pred = w->pred;
    s->thread = w->thread;
    s->rev_thread = w->rev_thread;
    s->succ_num = w->succ_num;
    s->last_succ = w->last_succ;
    s->pred_dir = w->pred_dir;
    s->dirty_revs = w->dirty_revs;
    s->best = w->best;
    memset(s->flow, 0, na * sizeof *s->flow);
}

/* Refuses networks whose potentials or flow sums could overflow int64 (see mcf.h). */
static bool fits_int64(const mcf *g, int64_t *max_cost) {
    int64_t maxc = 0;
    __int128 quantity = 0;
    for (int a = 0; a < g->m; a++) {
        int64_t c = g->cost[a] < 0 ? -g->cost[a] : g->cost[a];
        if (c > maxc) {
            maxc = c;
        }
        quantity += (__int128)g->upper[a] + g->lower[a];
    }
    for (int u = 0; u < g->n; u++) {
        quantity += g->supply[u] < 0 ? -g->supply[u] : g->supply[u];
    }
    *max_cost = maxc;
    __int128 nodes = (__int128)g->n + 1;
    /* |π| ≤ depth · ART_COST ≤ (n+1)² (maxc+1); reduced costs add two potentials and a cost,
     * and a margin of 2 keeps every intermediate sum safe. */
    __int128 pot = nodes * nodes * ((__int128)maxc + 1) * 4;
    return pot < INT64_MAX && quantity < ((__int128)1 << 62);
}

mcf_status mcf_solve(mcf *g) {
    forget_solution(g);
    g->pivots = 0;
    g->solved = true;

    int64_t maxc;
    if (!fits_int64(g, &maxc)) {
        g->status = MCF_OVERFLOW;
        return g->status;
    }
    int64_t sum_supply = 0;
    for (int u = 0; u < g->n; u++) {
        sum_supply += g->supply[u];
    }
    if (sum_supply != 0) {
        g->status = MCF_INFEASIBLE;
        return g->status;
    }

    ns s = {0};
    const int n = g->n, m = g->m;
    s.node_num = n;
    s.arc_num = m;
    s.all_arc_num = m + n;
    s.root = n;
    size_t na = (size_t)s.all_arc_num + 1, nn = (size_t)n + 1;
    ns_arrays(g, &s, na, nn);
    int *pos = s.pos;

    /* Mixed order: user arc a goes to position pos[a]. */
    int skip = n > 1 ? m / n : m;
    if (skip < 3) {
        skip = 3;
    }
    for (int a = 0, i = 0, j = 0; a < m; a++) {
        pos[a] = i;
        if ((i += skip) >= m) {
            i = ++j;
        }
    }
    for (int u = 0; u < n; u++) {
        s.supply[u] = g->supply[u];
    }
    for (int a = 0; a < m; a++) {
        int k = pos[a];
        s.source[k] = g->tail[a];
        s.target[k] = g->head[a];
        s.cost[k] = g->cost[a];
        s.cap[k] = g->upper[a] - g->lower[a];
        s.state[k] = STATE_LOWER;
        if (g->lower[a] != 0) {
            s.supply[g->tail[a]] -= g->lower[a];
            s.supply[g->head[a]] += g->lower[a];
        }
    }

    /* The artificial root and the first tree. */
    const int64_t art_cost = (maxc + 1) * ((int64_t)n + 1);
    const int root = s.root;
    s.parent[root] = -1;
    s.pred[root] = -1;
    s.thread[root] = 0;
    s.rev_thread[0] = root;
    s.succ_num[root] = n + 1;
    s.last_succ[root] = root - 1;
    s.supply[root] = 0;
    s.pi[root] = 0;
    s.pred_dir[root] = DIR_UP;
    if (n == 0) {
        s.thread[root] = root;
        s.rev_thread[root] = root;
        s.last_succ[root] = root;
    }
    for (int u = 0, e = m; u != n; ++u, ++e) {
        s.parent[u] = root;
        s.pred[u] = e;
        s.thread[u] = u + 1;
        s.rev_thread[u + 1] = u;
        s.succ_num[u] = 1;
        s.last_succ[u] = u;
        s.cap[e] = NS_INF;
        s.state[e] = STATE_TREE;
        if (s.supply[u] >= 0) {
            s.pred_dir[u] = DIR_UP;
            s.pi[u] = 0;
            s.source[e] = u;
            s.target[e] = root;
            s.flow[e] = s.supply[u];
            s.cost[e] = 0;
        } else {
            s.pred_dir[u] = DIR_DOWN;
            s.pi[u] = art_cost;
            s.source[e] = root;
            s.target[e] = u;
            s.flow[e] = -s.supply[u];
            s.cost[e] = art_cost;
        }
    }

    s.block_size = (int)sqrt((double)m);
    if (s.block_size < 10) {
        s.block_size = 10;
    }
    s.next_arc = 0;

    mcf_status status = MCF_OPTIMAL;
    if (m > 0) {
        /* Heuristic first pivots (as LEMON does): bring in the cheapest arc into every demand
         * node, which in an allocation network is a real supplier instead of the bypass. */
        int *best = s.best;
        for (int u = 0; u < n; u++) {
            best[u] = -1;
        }
        for (int e = 0; e < m; e++) {
            int v = s.target[e];
            if (s.supply[v] < 0 && (best[v] < 0 || s.cost[e] < s.cost[best[v]])) {
                best[v] = e;
            }
        }
        for (int v = 0; v < n && status == MCF_OPTIMAL; v++) {
            int e = best[v];
            if (e < 0 || s.state[e] * (s.cost[e] + s.pi[s.source[e]] - s.pi[s.target[e]]) >= 0) {
                continue;
            }
            s.in_arc = e;
            find_join_node(&s);
            bool change = find_leaving_arc(&s);
            if (s.delta >= NS_INF) {
                status = MCF_UNBOUNDED;
                break;
            }
            change_flow(&s, change);
            if (change) {
                update_tree_structure(&s);
                update_potential(&s);
            }
            g->pivots++;
        }
    }
    if (m > 0 && status == MCF_OPTIMAL) {
        while (find_entering_arc(&s)) {
            find_join_node(&s);
            bool change = find_leaving_arc(&s);
            if (s.delta >= NS_INF) {
                status = MCF_UNBOUNDED;
                break;
            }
            change_flow(&s, change);
            if (change) {
                update_tree_structure(&s);
                update_potential(&s);
            }
            g->pivots++;
        }
    }
    if (status == MCF_OPTIMAL) {
        for (int e = m; e != s.all_arc_num; ++e) {
            if (s.flow[e] != 0) {
                status = MCF_INFEASIBLE;
                break;
            }
        }
    }
    if (status == MCF_OPTIMAL) {
        if (g->flow == NULL || g->flow_room < m + 1) {
            free(g->flow);
            g->flow = xmalloc(((size_t)m + 1) * sizeof *g->flow);
            g->flow_room = m + 1;
        }
        if (g->pi == NULL) {
            g->pi = xmalloc(nn * sizeof *g->pi);
        }
        for (int a = 0; a < m; a++) {
            g->flow[a] = s.flow[pos[a]] + g->lower[a];
        }
        /* Internally the reduced cost is cost + π[tail] − π[head]; publish −π so that
         * λ = cost − π[tail] + π[head] as in the LP dual. */
        for (int u = 0; u < n; u++) {
            g->pi[u] = -s.pi[u];
        }
    }
    g->status = status;
    return status;
}

/* ---- results -------------------------------------------------------------------------- */

static void require_optimal(const mcf *g) {
    OCOP_ASSERT(g->solved && g->status == MCF_OPTIMAL);
}

int64_t mcf_flow(const mcf *g, int arc) {
    require_optimal(g);
    OCOP_ASSERT(arc >= 0 && arc < g->m);
    return g->flow[arc];
}

int64_t mcf_potential(const mcf *g, int node) {
    require_optimal(g);
    OCOP_ASSERT(node >= 0 && node < g->n);
    return g->pi[node];
}

static __int128 total_cost_wide(const mcf *g) {
    __int128 total = 0;
    for (int a = 0; a < g->m; a++) {
        total += (__int128)g->flow[a] * g->cost[a];
    }
    return total;
}

int64_t mcf_total_cost(const mcf *g) {
    require_optimal(g);
    __int128 t = total_cost_wide(g);
    if (t > INT64_MAX) {
        return INT64_MAX;
    }
    if (t < INT64_MIN) {
        return INT64_MIN;
    }
    return (int64_t)t;
}

bool mcf_total_cost_checked(const mcf *g, int64_t *out) {
    if (!g->solved || g->status != MCF_OPTIMAL) {
        return false;
    }
    __int128 t = total_cost_wide(g);
    if (t > INT64_MAX || t < INT64_MIN) {
        return false;
    }
    *out = (int64_t)t;
    return true;
}

long mcf_pivot_count(const mcf *g) {
    return g->pivots;
}

int mcf_check(const mcf *g, ocop_error *err) {
    if (!g->solved || g->status != MCF_OPTIMAL) {
        return error_set(err, "mcf_check: no optimal solution to check");
    }
    return mcf_check_solution(g, g->flow, g->pi, err);
}

int mcf_check_solution(const mcf *g, const int64_t *flow, const int64_t *pi, ocop_error *err) {
    int rc = 0;
    __int128 *balance = xcalloc((size_t)g->n + 1, sizeof *balance);
    /* Bounds and conservation first, so that a flow that is not even feasible is reported
     * as such rather than as a reduced-cost violation. */
    for (int a = 0; a < g->m; a++) {
        int64_t x = flow[a];
        if (x < g->lower[a] || x > g->upper[a]) {
            rc = error_set(err,
                           "mcf_check: arc %d (%d->%d): flow %" PRId64 " outside [%" PRId64
                           ", %" PRId64 "]",
                           a, g->tail[a], g->head[a], x, g->lower[a], g->upper[a]);
            goto done;
        }
        balance[g->tail[a]] += x;
        balance[g->head[a]] -= x;
    }
    for (int u = 0; u < g->n; u++) {
        if (balance[u] != g->supply[u]) {
            rc = error_set(err,
                           "mcf_check: node %d: out-flow minus in-flow is %" PRId64
                           " but the supply is %" PRId64,
                           u, (int64_t)balance[u], g->supply[u]);
            goto done;
        }
    }
    for (int a = 0; a < g->m; a++) {
        int64_t x = flow[a];
        __int128 lambda = (__int128)g->cost[a] - pi[g->tail[a]] + pi[g->head[a]];
        if (lambda > 0 && x != g->lower[a]) {
            rc = error_set(err,
                           "mcf_check: arc %d (%d->%d): reduced cost %" PRId64
                           " > 0 but flow %" PRId64 " is above the lower bound %" PRId64,
                           a, g->tail[a], g->head[a], (int64_t)lambda, x, g->lower[a]);
            goto done;
        }
        if (lambda < 0 && x != g->upper[a]) {
            rc = error_set(err,
                           "mcf_check: arc %d (%d->%d): reduced cost %" PRId64
                           " < 0 but flow %" PRId64 " is below the upper bound %" PRId64,
                           a, g->tail[a], g->head[a], (int64_t)lambda, x, g->upper[a]);
            goto done;
        }
    }
done:
    free(balance);
    return rc;
}

void mcf_write_dimacs(const mcf *g, FILE *out, const char *comment) {
    if (comment != NULL) {
        const char *p = comment;
        while (*p != '\0') {
            const char *nl = strchr(p, '\n');
            size_t len = nl ? (size_t)(nl - p) : strlen(p);
            fprintf(out, "c %.*s\n", (int)len, p);
            p += len;
            if (*p == '\n') {
                p++;
            }
        }
    }
    fprintf(out, "p min %d %d\n", g->n, g->m);
    for (int u = 0; u < g->n; u++) {
        if (g->supply[u] != 0) {
            fprintf(out, "n %d %" PRId64 "\n", u + 1, g->supply[u]);
        }
    }
    for (int a = 0; a < g->m; a++) {
        fprintf(out, "a %d %d %" PRId64 " %" PRId64 " %" PRId64 "\n", g->tail[a] + 1,
                g->head[a] + 1, g->lower[a], g->upper[a], g->cost[a]);
    }
}
