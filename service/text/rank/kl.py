"""KL-Sum (Haghighi & Vanderwende, 2009) as sumy defines it: greedy, with lazy evaluation of the candidates.

sumy: the document's distribution d is the frequency of its content words (lower-cased, not
stemmed, stop words out); at each step every remaining sentence i is scored by
KL_i = Σ_w d_w·log(d_w / q_w) over the content words of the candidate joint distribution q
(the sentence's words plus every word already in the summary, stop words included in its
length), and the lowest is taken. sumy recomputes every dictionary at every step, which is
quadratic to cubic; a step that scores every sentence again is still quadratic when the bound
admits most of the text (a ratio of 1 on 40,000 short sentences took over a minute).

Here the score is split into a part every candidate shares and a part of its own. With Σ the
summary's content words, s_w their counts in it, S the summary's length, c_iw the counts in
sentence i, L_i its content words and D = Σ_{w∈Σ} d_w:

    KL_i = F + W_i,  F = Σ_{w∈Σ} d_w·(log d_w − log s_w)
    W_i  = (D + b_i)·log(S + L_i) + Σ_{w∈i∩Σ} d_w·log(s_w / (s_w + c_iw)) + Σ_{w∈i∖Σ} d_w·(log d_w − log c_iw)

with b_i = Σ_{w∈i∖Σ} d_w. F is the same for every candidate, so the step takes the lowest W.
While none of a sentence's own words enters the summary, its W never decreases (S, D and the
s_w only grow), and it grows at least by Φ, a quantity of the step alone (the smallest growth
any sentence can see: ΔD·log(S + L_min) + D·Δlog(S + L_max)). So W_i − Φ, once computed, stays
a lower bound of the sentence's value at every later step: the candidates sit in a heap by that
bound, and a step recomputes only those whose bound is below the best value found (lazy greedy,
exact). When a word of a sentence enters the summary (once per sentence and word, so as many
events as the text has words) its bound is moved by that event's own change, computed exactly.

The heap is split in groups of sentences of one length and nearby b, each with a floor (the least
value a member can have at this step); a step looks at groups lowest floor first, through a heap
of the groups when the text fills few of them, with numpy when it fills many. A member whose words
changed in the summary since it was computed is marked dirty at once and computed again only
when it comes up in its group. Sentences that tie exactly while all their words are outside the
summary (the same length and the same multiset of word frequencies and counts) are filed as one
entry, the earliest of them, until a word of theirs enters the summary.

Sums over a sentence's words are ``math.fsum`` (exactly rounded): sentences with the same words
get bit-identical values, and ties go to the earlier sentence as in sumy's order of sentences.
Sentences with no content word score D·log S whatever they hold, and are compared apart.
Steps run only as far as selection reads the ranking.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterator

import numpy as np

from .. import deadline
from ..document import Document
from ..languages import Language
from .ranking import Ranking, settle_one

_fsum = math.fsum
_log = math.log


def rank(document: Document, language: Language, *, share: float | None = None) -> Ranking:
    vocabulary: dict[str, int] = {}
    setdefault = vocabulary.setdefault
    sentence_words: list[dict[int, int]] = []  # content word -> count, per sentence
    all_words: list[int] = []  # every letters-only word: what the sentence adds to the summary's length
    for sentence in document.sentences:
        mine: dict[int, int] = {}
        alpha = 0
        for token in sentence.tokens:
            if token.alpha:
                alpha += 1
                if not token.stop:
                    j = setdefault(token.norm, len(vocabulary))
                    mine[j] = mine.get(j, 0) + 1
        sentence_words.append(mine)
        all_words.append(alpha)
    return Ranking.greedy(_steps(sentence_words, all_words, len(vocabulary)), len(sentence_words))


#: Ratio between the smallest and the largest b of one group's sentences: the slack a group's
#: shared growth leaves to each member (5%), against the number of groups a step looks at.
BUCKET_RATIO = 1.2
#: Up to this many groups filled at the start, a step finds its groups through a heap of them; more, through numpy.
FEW_GROUPS = 64


def _steps(all_sentence_words: list[dict[int, int]], all_words: list[int], v: int) -> Iterator[int]:
    if not all_sentence_words:
        return
    frequency = [0] * v
    for words in all_sentence_words:
        for j, c in words.items():
            frequency[j] += c
    total = sum(frequency)
    d = [f / total for f in frequency] if total else [0.0] * v
    log_of = [0.0] + [_log(k) for k in range(1, max(frequency, default=0) + 2)]  # s_w + c_iw never exceeds it
    # The term of word w at count 1 in a candidate, at the current state: d_w·(log d_w − log 1)
    # while w is outside the summary, d_w·(log s_w − log(s_w + 1)) inside.
    term1 = [dj * (_log(dj) - _log(1)) for dj in d]
    term1_of, d_of = term1.__getitem__, d.__getitem__

    # From here on, i numbers a class of identical sentences: the same content words with the same
    # counts, and the same length. They have the same score at every step, so they tie and are
    # taken first to last; one heap entry for the class spares re-scoring every copy of a repeated
    # sentence at every step. Sentences with no content word stay one to a class (the empty ones
    # are compared apart). rep[i] is the class's first member not yet taken, which is what ties are
    # decided by; several[i] lists the members of a class of more than one, ascending.
    #
    # Per class: its words in ascending order; whether each occurs once (nearly every sentence of
    # prose, every short one: its terms are read from term1); else its rows of (word, count, d_w,
    # d_w·(log d_w − log c_iw)), the last being the word's term while outside the summary.
    #
    # Bundles: classes whose words are all outside the summary and whose lengths and multisets of
    # (frequency, count) are equal have bit-identical u and b (exactly rounded sums of the same
    # terms), so the same W at every step until a word of theirs enters the summary: they tie, and
    # the first (the lowest rep) wins. Only that leader is filed; the others wait in the bundle,
    # ascending, and leave it at their first event (filed on their own from then on) or become
    # leader when the one before them leaves.
    #
    # The tables hold tuples of numbers and lists of a few kinds, not a container per sentence, so
    # that building them does not set off a full collection of the garbage collector (a tenth of a
    # second or more with a large document in memory).
    index: dict[tuple, int] = {}
    rep: list[int] = []
    class_of: list[int] = []  # sentence -> its class
    several: dict[int, list[int]] = {}
    sentence_words: list[dict[int, int]] = []  # per class: content word -> count
    alphas: list[int] = []  # per class: every letters-only word, what it adds to the summary's length
    word_ids: list[tuple[int, ...]] = []
    single: list[bool] = []
    rows: list[tuple | None] = []
    lengths: list[int] = []
    containing: list[list[int]] = [[] for _ in range(v)]
    signatures: dict[tuple, int] = {}
    bundle_of: list[int] = []
    bundles: list[list[int]] = []
    for k, (words, alpha) in enumerate(zip(all_sentence_words, all_words)):
        i = len(rep)
        if words:
            ids = tuple(sorted(words))
            size = sum(words.values())
            once = size == len(ids)
            counts = None if once else tuple([words[j] for j in ids])
            i = index.setdefault((alpha, *ids) if once else (alpha, ids, counts), i)
            if i < len(rep):  # another member of a class
                class_of.append(i)
                members = several.get(i)
                if members is None:
                    several[i] = [rep[i], k]
                else:
                    members.append(k)
                continue
        else:
            ids, size, once = (), 0, True
        class_of.append(i)
        rep.append(k)
        sentence_words.append(words)
        alphas.append(alpha)
        word_ids.append(ids)
        lengths.append(size)
        single.append(once)
        for j in ids:
            containing[j].append(i)
        if once:
            rows.append(None)
            signature = (size, *sorted([frequency[j] for j in ids]))
        else:
            rows.append(tuple([(j, c, d[j], d[j] * (_log(d[j]) - _log(c))) for j, c in zip(ids, counts)]))
            signature = (size, tuple(sorted([(frequency[j], c) for j, c in zip(ids, counts)])))
        first = signatures.setdefault(signature, i) if size else i
        if first == i:
            bundle_of.append(-1)
        else:
            bundle = bundle_of[first]
            if bundle < 0:
                bundle = bundle_of[first] = len(bundles)
                bundles.append([first])
            bundles[bundle].append(i)
            bundle_of.append(bundle)
    del index, signatures
    n = len(rep)
    left = [1] * n
    for i, members in several.items():
        left[i] = len(members)
    bundle_head = [0] * len(bundles)

    summary = [0] * v  # s_w
    d_in = 0.0  # D
    length = 0  # S
    shared = 0.0  # F

    def own(i: int, fsum=_fsum) -> tuple[float, float]:
        """(u_i, b_i) at the current state, both exactly rounded sums (equal sentences get equal values)."""
        if single[i]:
            u = fsum(map(term1_of, word_ids[i]))
        else:
            terms = []
            for j, c, dj, outside_term in rows[i]:
                s = summary[j]
                terms.append(dj * (log_of[s] - log_of[s + c]) if s else outside_term)
            u = fsum(terms)
        if outside_count[i]:
            return u, fsum([d[j] for j in word_ids[i] if not summary[j]])
        return u, 0.0

    # Groups: sentences of one length L whose b lies in [b_lo, b_lo·BUCKET_RATIO) (or is 0). For a
    # member, W = u + (D + b)·log(S + L) ≥ key + (D + b_lo)·log(S + L) with the static key
    # u + (b − b_lo)·log(S₀ + L) computed at S₀, at every later step without an event of its own;
    # the second part is the group's at each step.
    sizes = sorted({size for size in lengths if size})
    size_index = {size: k for k, size in enumerate(sizes)}
    smallest = min((dj for dj in d if dj > 0), default=1.0)
    log_ratio = math.log(BUCKET_RATIO)
    lowest = math.floor(math.log(smallest) / log_ratio) - 1
    buckets = -lowest + 2  # bucket 0 holds b = 0
    groups = max(len(sizes), 1) * buckets
    group_size = np.repeat(np.asarray(sizes or [1], dtype=float), buckets)
    group_floor_b = np.tile(np.asarray([0.0] + [BUCKET_RATIO ** (lowest + k) for k in range(buckets - 1)]), max(len(sizes), 1))
    group_floor_list = group_floor_b.tolist()  # read one at a time: a list is faster than the array
    group_size_list = group_size.tolist()
    # A heap per group of entries (key, rep): a sentence's entry is the one it holds in current[i]
    # (compared by identity: filing a sentence again leaves its older entry void, to be dropped
    # when it comes up).
    heaps: list[list[tuple[float, int]]] = [[] for _ in range(groups)]
    current: list[tuple[float, int] | None] = [None] * n
    # A step looks at the groups lowest floor first, a floor being the least W any member can have:
    # least key + (D + b_lo)·log(S + L); it stops at the first floor above the best W found. Two
    # ways, chosen by the number of groups the text fills:
    # - few (many short sentences: a few lengths, a few buckets): the groups in a heap by floor.
    #   D and S only grow, so a floor computed at an earlier step is still a lower bound while the
    #   group's least key has not fallen; when it falls (a sentence filed under it), the group gets
    #   a new entry and its older ones are void (group_version). A stale floor is computed again
    #   when it comes up, so a step costs a few operations on a small heap.
    # - many (prose: dozens of lengths): every floor at once with numpy (tops[g], the least key of
    #   each group, brought up to date at the start of each step for the groups ``touched`` since),
    #   since at each step a hundred floors or more pass under the rising best W, and computing them
    #   one by one again would cost more than all of them at once.
    group_heap: list[tuple[float, int, int]] = []
    group_version = [0] * groups
    tops = np.full(groups, math.inf)
    touched: set[int] = set()

    def file_group(g: int) -> None:
        group_version[g] += 1
        heappush(group_heap, (heaps[g][0][0] + (d_in + group_floor_list[g]) * _log(length + group_size_list[g]), g, group_version[g]))

    def group_of(i: int, b: float, outside: int) -> int:
        base = size_index[lengths[i]] * buckets
        if not outside:
            return base
        k = min(max(math.floor(math.log(b) / log_ratio) - lowest, 0), buckets - 2) + 1
        while k > 1 and group_floor_list[base + k] > b:  # rounding at an edge
            k -= 1
        return base + k

    u_low = [0.0] * n  # lower bound of u, exact when the sentence is not dirty
    b_now = [0.0] * n
    outside_count = [len(ids) for ids in word_ids]
    # dirty[i]: a word of sentence i changed in the summary since its u and b were computed (or
    # an event moved them by bounds only). A byte array, so that a word's long list of sentences
    # is marked at once through a numpy view of it.
    dirty = bytearray(n)
    dirty_view = np.frombuffer(dirty, dtype=np.uint8)
    containing_array = [np.asarray(c, dtype=np.intp) if len(c) > 16 else None for c in containing]
    heappush = heapq.heappush

    def place(i: int) -> None:
        """(Re)file sentence i in its group under its current bound."""
        g = group_of(i, b_now[i], outside_count[i])
        entry = current[i] = (u_low[i] + (b_now[i] - group_floor_list[g]) * _log(length + lengths[i]), rep[i])
        heap = heaps[g]
        heappush(heap, entry)
        if not by_heap:
            touched.add(g)
        elif heap[0] is entry:  # the group's least key fell
            file_group(g)

    for i in range(n):
        if lengths[i]:
            ids = word_ids[i]
            u = u_low[i] = _fsum(map(term1_of, ids)) if single[i] else _fsum([row[3] for row in rows[i]])
            b = b_now[i] = _fsum(map(d_of, ids))
            k = bundle_of[i]
            if k >= 0 and bundles[k][0] != i:
                continue  # waits in its bundle
            g = group_of(i, b, outside_count[i])
            entry = current[i] = (u + (b - group_floor_list[g]) * _log(lengths[i]), rep[i])
            heaps[g].append(entry)
    filled = [g for g, heap in enumerate(heaps) if heap]
    by_heap = len(filled) <= FEW_GROUPS
    for g in filled:
        heapq.heapify(heaps[g])
        if by_heap:
            file_group(g)
        else:
            touched.add(g)
    empty = [i for i in range(n) if not lengths[i]]
    empty.reverse()  # the last is the first sentence with no content word not taken yet
    taken = [False] * n

    def group_min(g: int, log=_log, fsum=_fsum, heappop=heapq.heappop, heapreplace=heapq.heapreplace) -> int:
        """The member of group g with the lowest W at this step (-1 if it has none).

        A member none of whose words changed since its u and b were computed has them exact, and
        its key at this step is arithmetic; only a dirty one is computed again.
        """
        heap = heaps[g]
        if not by_heap:
            touched.add(g)
        b_low = group_floor_list[g]
        if b_low == 0.0:
            # Every word of every member is in the summary (b = 0, ever since): the key is u itself,
            # and a member's key changes only when its words do.
            while heap:
                entry = heap[0]
                i = class_of[entry[1]]
                if current[i] is not entry:
                    heappop(heap)
                    continue
                if dirty[i]:
                    dirty[i] = 0
                    fresh = u_low[i] = fsum(map(term1_of, word_ids[i])) if single[i] else own(i)[0]
                    if fresh != entry[0]:
                        entry = current[i] = (fresh, entry[1])
                        heapreplace(heap, entry)
                        continue
                return i
            return -1
        x = log(length + group_size_list[g])
        while heap:
            entry = heap[0]
            i = class_of[entry[1]]
            if current[i] is not entry:
                heappop(heap)
                continue
            if dirty[i]:
                dirty[i] = 0
                # A live entry here has words outside the summary (the last one's event files it in
                # the group of b = 0).
                if single[i]:  # the common case, inline
                    ids = word_ids[i]
                    u_low[i] = fsum(map(term1_of, ids))
                    b_now[i] = fsum([d[j] for j in ids if not summary[j]])
                else:
                    u_low[i], b_now[i] = own(i)
                # b moves only with events, which file the sentence again; a recomputed b can still
                # differ from the running one in its last bits, and must not fall under the group's.
                if not outside_count[i] or b_now[i] < b_low:
                    heappop(heap)
                    place(i)
                    continue
            fresh = u_low[i] + (b_now[i] - b_low) * x
            if fresh == entry[0]:
                return i
            entry = current[i] = (fresh, entry[1])
            heapreplace(heap, entry)
        return -1

    # With numpy, a step looks only at the groups that hold a sentence (listed again every 64
    # steps; groups filled since are added, emptied ones have an infinite top).
    live = np.zeros(0, dtype=np.intp)
    is_live = np.zeros(groups, dtype=bool)
    live_floor_b = live_size = np.zeros(0)
    step = 0
    inf = math.inf
    heappop = heapq.heappop
    heapreplace = heapq.heapreplace
    seen: list[int] = []  # groups taken off group_heap in this step: filed again at its end
    for _ in range(sum(left)):
        best_key: tuple[float, int] = (inf, -1)
        best = -1
        best_value = inf
        window = inf
        while empty and taken[empty[-1]]:
            empty.pop()
        if empty:
            # A sentence with no content word: the summary's own divergence, 0 while it has no word.
            best_value = d_in * _log(length) if length else -shared
            best = empty[-1]
            best_key = (settle_one(shared + best_value), rep[best])
            window = best_value + 1e-11 * (abs(best_value) + abs(shared))
        while by_heap and group_heap:
            floor, g, version = group_heap[0]
            if not floor <= window:
                break
            heap = heaps[g]
            if version != group_version[g] or not heap:
                heappop(group_heap)
                continue
            now = heap[0][0] + (d_in + group_floor_list[g]) * _log(length + group_size_list[g])
            if now != floor:  # computed at an earlier step
                heapreplace(group_heap, (now, g, version))
                continue
            heappop(group_heap)
            group_version[g] += 1
            seen.append(g)
            i = group_min(g)
            if i < 0:
                continue
            value = u_low[i] + (d_in + b_now[i]) * _log(length + lengths[i])
            key = (settle_one(shared + value), rep[i])
            if key < best_key:
                best, best_key, best_value = i, key, value
                window = best_value + 1e-11 * (abs(best_value) + abs(shared))
        if not by_heap and touched:
            changed = list(touched)
            touched.clear()
            tops[changed] = [heaps[g][0][0] if heaps[g] else inf for g in changed]
            if step & 63:
                new = [g for g in changed if heaps[g] and not is_live[g]]
                if new:
                    live = np.concatenate([live, np.asarray(new, dtype=np.intp)])
                    is_live[new] = True
                    live_floor_b, live_size = group_floor_b[live], group_size[live]
        if not by_heap and not step & 63:
            live = np.flatnonzero(tops < inf)
            is_live[:] = False
            is_live[live] = True
            live_floor_b, live_size = group_floor_b[live], group_size[live]
        if not by_heap and live.size:
            floors = tops[live] + (d_in + live_floor_b) * np.log(length + live_size)
            k = int(floors.argmin())
            order = [k]
            more = True
            while order:
                for k in order:
                    if not floors[k] <= window:
                        break
                    i = group_min(int(live[k]))
                    if i < 0:
                        continue
                    value = u_low[i] + (d_in + b_now[i]) * _log(length + lengths[i])
                    key = (settle_one(shared + value), rep[i])
                    if key < best_key:
                        best, best_key, best_value = i, key, value
                        window = best_value + 1e-11 * (abs(best_value) + abs(shared))
                if not more:
                    break
                # After the lowest group: the others under the window, lowest first.
                more = False
                floors[order[0]] = inf
                near = np.flatnonzero(floors <= window)
                order = near[floors[near].argsort(kind="stable")].tolist() if near.size > 1 else near.tolist()
        if best < 0:
            return
        chosen = rep[best]
        vacated = []  # bundles whose leader left in this step
        k = bundle_of[best]
        if k >= 0:
            bundle_of[best] = -1
            vacated.append(k)
        left[best] -= 1
        current[best] = None  # its heap entry is void: the class is taken, or filed again below
        if left[best]:
            rep[best] = several[best][len(several[best]) - left[best]]
        else:
            taken[best] = True
        entered = []
        words = sentence_words[best]
        for j in word_ids[best]:
            c, dj, s = words[j], d[j], summary[j]
            if s:
                shared += dj * (_log(s) - _log(s + c))
            else:
                entered.append(j)
                d_in += dj
                shared += dj * (_log(dj) - _log(c))
            s += c
            summary[j] = s
            term1[j] = dj * (log_of[s] - log_of[s + 1])
            # Every sentence with the word is dirty: its u must be computed again when it is looked at.
            many = containing_array[j]
            if many is None:
                for i in containing[j]:
                    dirty[i] = 1
            else:
                dirty_view[many] = 1
        length += alphas[best]
        step += 1
        if not step & 63:  # a step can take tens of microseconds on a long text
            deadline.check()
        # A word entering the summary leaves b_i for its term inside the summary: an exact change
        # of u and b, after which the sentence is filed again (often in another group).
        moved = {best} if lengths[best] and not taken[best] else set()
        for j in entered:
            s, dj = summary[j], d[j]
            for i in containing[j]:
                if taken[i]:
                    continue
                k = bundle_of[i]
                if k >= 0:
                    bundle_of[i] = -1
                    if bundles[k][bundle_head[k]] == i:
                        vacated.append(k)
                c = 1 if single[i] else sentence_words[i][j]
                change = dj * (_log(s) - _log(s + c)) - dj * (_log(dj) - _log(c))
                u_low[i] += change - 1e-12 * (abs(u_low[i]) + abs(change) + 1.0)
                b_now[i] -= dj
                outside_count[i] -= 1
                moved.add(i)
        for i in moved:
            if not outside_count[i]:
                b_now[i] = 0.0
            place(i)
        for k in vacated:
            # The next class still in the bundle (none of its words entered) leads it, filed now.
            classes, h = bundles[k], bundle_head[k]
            while h < len(classes) and bundle_of[classes[h]] != k:
                h += 1
            bundle_head[k] = h
            if h < len(classes):
                place(classes[h])
        for g in seen:
            if heaps[g]:
                file_group(g)
        seen.clear()
        yield chosen
