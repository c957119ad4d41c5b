#!/usr/bin/env python3
"""A Distill Playground run, exported as a PyTorch experiment that reproduces it.

    python train.py                            # CPU, CUDA or MPS, whichever is here
    python train.py --device cpu
    torchrun --nproc_per_node=2 train.py       # data parallel: each rank takes its share of every batch
    python train.py --data bigger.npz --teacher-epochs 20 --student-epochs 40

It reads, beside itself: config.json (the run's settings and what to build), data.npz (the rows,
the labelled subset, the batch of every step and the settings of every student step, as the page
trained them) and init.npz (every model's initial weights). It prints one JSON object on stdout
with the keys `npm run experiment -- --json` prints (testAccuracy, agreement, distilled, scratch,
gain), plus `steps`: each model's training loss at its first steps. Progress goes to stderr.

Where the playground's definitions differ from a plain PyTorch idiom, the code says so (look for
"Convention:"); keep them when you edit, or you run a different experiment. The definitions are
the project's docs/methods.md.
"""
import argparse
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch import nn
from torch.nn.parallel import DistributedDataParallel

HERE = os.path.dirname(os.path.abspath(__file__))
# DKD's masks push a class out of a softmax by adding this to its logit (mdistiller uses 1000).
OUT = -1e9
# Convention: tfjs's Adam (tf.train.adam()) uses ε = 1e-7 where PyTorch's default is 1e-8; the
# update is otherwise PyTorch's: lr · m̂ / (√v̂ + ε).
ADAM_EPS = 1e-7


def log(*parts):
    if RANK == 0:
        print(*parts, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- networks


class Net(nn.Module):
    """Hidden layers as the playground builds them: dense (ReLU, tanh, sigmoid or exact GELU, then
    dropout) and conv blocks (3 × 3 or k × k 'same' convolution, ReLU, 2 × 2 max-pool), then a
    linear output layer. Rows arrive flat, as the page holds them."""

    def __init__(self, input_shape, hidden, classes):
        super().__init__()
        self.side = input_shape.get("imageSide")
        self.hidden = hidden
        self.layers = nn.ModuleList()
        side, channels, width = self.side, 1, input_shape["features"]
        for layer in hidden:
            if layer["kind"] == "conv":
                self.layers.append(
                    nn.Conv2d(channels, layer["filters"], layer["kernel"], padding="same")
                )
                channels, side = layer["filters"], side // 2
                width = side * side * channels
            else:
                self.layers.append(nn.Linear(width, layer["units"]))
                width = layer["units"]
        self.out = nn.Linear(width, classes)

    def forward(self, x):
        """Logits, and the last hidden layer's output before its dropout when it is dense (what a
        FitNets hint matches)."""
        n = x.shape[0]
        h, last = x, None
        for layer, module in zip(self.hidden, self.layers):
            if layer["kind"] == "conv":
                if h.dim() == 2:
                    h = h.reshape(n, self.side, self.side, 1).permute(0, 3, 1, 2)
                h = F.max_pool2d(F.relu(module(h)), 2)
                last = None
                continue
            h = ACTIVATIONS[layer["activation"]](module(flat(h)))
            last = h
            if layer.get("dropout", 0) > 0:
                h = F.dropout(h, layer["dropout"], self.training)
        return self.out(flat(h)), last


def flat(h):
    # Convention: tfjs keeps images channels-last (NHWC) and flattens them in that order; the dense
    # weights after a conv block expect it, so the NCHW maps are flattened as NHWC.
    return h if h.dim() == 2 else h.permute(0, 2, 3, 1).reshape(h.shape[0], -1)


ACTIVATIONS = {
    "relu": F.relu,
    "tanh": torch.tanh,
    "sigmoid": torch.sigmoid,
    "gelu": F.gelu,  # exact (erf), as Keras's gelu
}


def load_weights(net, init, prefix):
    """init.npz holds tfjs's layouts: dense kernels [in, out], conv kernels [k, k, in, out]."""
    modules = list(net.layers) + [net.out]
    for j, module in enumerate(modules):
        w = torch.from_numpy(init[f"{prefix}.w{j}"])
        module.weight.data.copy_(w.permute(3, 2, 0, 1) if w.dim() == 4 else w.t())
        module.bias.data.copy_(torch.from_numpy(init[f"{prefix}.b{j}"]))


class Student(nn.Module):
    """A student and, for hints, its regressor from its last hidden layer to the teacher's
    (trained with it, dropped after): one module, so DistributedDataParallel syncs both."""

    def __init__(self, net, regressor):
        super().__init__()
        self.net, self.regressor = net, regressor

    def forward(self, x):
        logits, last = self.net(x)
        fitted = self.regressor(last) if self.regressor is not None else None
        return logits, fitted


# ---------------------------------------------------------------- losses
# Every term is written as a sum over this rank's rows divided by the whole batch's count, so the
# ranks' terms add up to the batch's (and DistributedDataParallel's mean of gradients, scaled by
# the world size, is the batch's gradient).


def soft_term(s, t, temperature, rows):
    """T² · KL(teacher_T ‖ student_T), summed over classes, mean over the batch's rows.
    Convention: the T² factor keeps the soft term's gradient on the hard term's scale (Hinton);
    F.kl_div(reduction='batchmean') would give the same mean but not the T²."""
    ls = F.log_softmax(s / temperature, 1)
    lt = F.log_softmax(t / temperature, 1)
    return (lt.exp() * (lt - ls)).sum() / rows * temperature**2


def hard_term(s, y, weight, count, epsilon=0.0):
    """Cross-entropy against the labels (smoothed by ε: PyTorch's label_smoothing), mean over the
    rows whose label may be used. Convention: on the transfer set the unlabelled rows weigh 0 and
    the mean is over the labelled ones (0 when none)."""
    k = s.shape[1]
    targets = F.one_hot(y, k).float()
    if epsilon:
        targets = targets * (1 - epsilon) + epsilon / k
    per_row = -(targets * F.log_softmax(s, 1)).sum(1)
    return (per_row * weight).sum() / max(count, 1)


def kd_loss(s, t, y, weight, count, rows, temperature, alpha):
    """Convention: α weighs the soft (teacher) term, 1 − α the labels (torchdistill's α is ours
    1 − α). α = 0 is plain supervised training."""
    loss = s.new_zeros(())
    if alpha > 0:
        loss = loss + alpha * soft_term(s, t, temperature, rows)
    if alpha < 1:
        loss = loss + (1 - alpha) * hard_term(s, y, weight, count)
    return loss


def dkd_loss(s, t, y, weight, count, rows, masked, p):
    """Decoupled KD (mdistiller): warm-up · T² · (α · TCKD + β · NCKD) + ce · CE. Convention: on
    the transfer set an unlabelled row's "target" class is the teacher's argmax."""
    k = s.shape[1]
    target = torch.where(weight > 0, y, t.argmax(1)) if masked else y
    gt = F.one_hot(target, k).float()
    zs, zt = s / p["temperature"], t / p["temperature"]

    def binary(z):
        every = torch.logsumexp(z, 1)
        rest = torch.logsumexp(z + gt * OUT, 1)
        return torch.stack([(z * gt).sum(1) - every, rest - every], 1)

    bs, bt = binary(zs), binary(zt)
    tckd = (bt.exp() * (bt - bs)).sum() / rows
    rs, rt = F.log_softmax(zs + gt * OUT, 1), F.log_softmax(zt + gt * OUT, 1)
    nckd = (rt.exp() * (rt - rs) * (1 - gt)).sum() / rows
    loss = (p["alpha"] * tckd + p["beta"] * nckd) * p["warmup_factor"] * p["temperature"] ** 2
    if p["ce"] > 0:
        loss = loss + p["ce"] * hard_term(s, y, weight, count)
    return loss


def hint_term(fitted, teacher_hidden, rows, gamma):
    """γ · MSE (mean over rows and units) between the regressed student layer and the teacher's
    (torchdistill's FitNet loss with its factor γ)."""
    return gamma * ((fitted - teacher_hidden) ** 2).sum() / (rows * teacher_hidden.shape[1])


# ---------------------------------------------------------------- data and schedule


def setting(data, name, step):
    """A per-step setting as the run played it; past the run's last step, its last value."""
    values = data[name]
    return float(values[min(step, len(values) - 1)])


def seeded_batches(pool, batch_size, steps, seed):
    """With --data: every epoch a fresh permutation of the pool, drawn from the seed."""
    rng = np.random.default_rng(seed)
    out, order = [], []
    while len(out) < steps:
        order = pool[rng.permutation(len(pool))]
        out.extend(order[i : i + batch_size] for i in range(0, len(order), batch_size))
    return out[:steps]


def labeled_subset(y, fraction, classes, seed):
    """With --data and no labeled_rows: that share of every class, drawn from the seed."""
    rng = np.random.default_rng(seed)
    rows = []
    for c in range(classes):
        of = np.flatnonzero(y == c)
        rows.extend(rng.permutation(of)[: max(1, round(len(of) * fraction))])
    return np.sort(np.array(rows, dtype=np.int64))


def my_share(rows):
    """This rank's part of a batch: contiguous slices, as even as they come."""
    return np.array_split(rows, WORLD)[RANK]


# ---------------------------------------------------------------- evaluation


def predict(net, x, chunk=2048):
    net.eval()
    with torch.no_grad():
        return torch.cat([net(x[i : i + chunk])[0] for i in range(0, len(x), chunk)])


def mcnemar_p(b, c):
    """Exact two-sided McNemar: twice the binomial tail of the smaller discordant count."""
    n = b + c
    if n == 0:
        return 1.0
    tail = sum(math.comb(n, i) for i in range(min(b, c) + 1)) / 2**n
    return min(1.0, 2 * tail)


def holm(ps):
    """Holm's step-down adjustment: the k-th smallest p times (m − k + 1), kept monotone."""
    order = sorted(range(len(ps)), key=lambda i: ps[i])
    adjusted, running = [1.0] * len(ps), 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (len(ps) - rank) * ps[i]))
        adjusted[i] = running
    return adjusted


def paired(first, second, y):
    """The first model's accuracy minus the second's on the same rows: the difference, its 95 %
    interval (Wald after adding ½ to each cell, Agresti & Min 2005) and McNemar's exact p."""
    a, b_ok = first == y, second == y
    n, b, c = len(y), int((a & ~b_ok).sum()), int((~a & b_ok).sum())
    bb, cc, m = b + 0.5, c + 0.5, n + 2
    centre = (bb - cc) / m
    se = math.sqrt(bb + cc - (bb - cc) ** 2 / m) / m
    z = 1.959963984540054
    return {
        "difference": (b - c) / n,
        "low": max(-1.0, centre - z * se),
        "high": min(1.0, centre + z * se),
        "p": mcnemar_p(b, c),
        "n": n,
        "onlyFirst": b,
        "onlySecond": c,
    }


# ---------------------------------------------------------------- the run


class Run:
    """The exported run as tensors: its settings, data, batches and initial weights (or, with
    --data, your rows, with batches drawn from the seed)."""

    def __init__(self, args, device):
        self.device = device
        loaded = json.load(open(os.path.join(HERE, "config.json")))
        self.config, self.built = loaded["config"], loaded["export"]
        self.data = dict(np.load(os.path.join(HERE, "data.npz")))
        self.init = dict(np.load(os.path.join(HERE, "init.npz")))
        self.steps = self.built["steps"]
        self.teacher_steps, self.student_steps = self.steps["teacher"], self.steps["students"]
        self.teacher_plan = self.data["teacher_batches"]
        used = {s["batches"] for s in self.built["students"]}
        self.plans = {k: self.data[f"student_batches_{k}"] for k in used}
        self.imported = self.built["teacher"]["imported"]
        if args.data:
            self.use_data(args)
        elif args.teacher_epochs or args.student_epochs or args.batch_size:
            sys.exit("--teacher-epochs, --student-epochs and --batch-size go with --data (the run's own batches are fixed).")
        if self.imported:
            # The run distilled from an imported tfjs model, which this script cannot rebuild:
            # its logits on every row stand in for it, and it does not train.
            self.teacher_steps = 0
        tensor = lambda name, dtype=None: torch.from_numpy(
            self.data[name] if dtype is None else self.data[name].astype(dtype)
        ).to(device)
        self.x_train, self.y_train = tensor("x_train"), tensor("y_train", np.int64)
        self.x_test, self.y_test = tensor("x_test"), tensor("y_test", np.int64)
        self.mask = torch.zeros(len(self.y_train), device=device)
        self.mask[tensor("labeled_rows", np.int64)] = 1

    def use_data(self, args):
        """Your rows in data.npz's layout; the batches drawn from the seed, per epoch."""
        own = dict(np.load(args.data))
        if self.imported and "teacher_logits_train" not in own:
            sys.exit(f"--data: the teacher ({self.imported}) was imported; give its logits as teacher_logits_train and teacher_logits_test.")
        self.data.update(own)
        config, n = self.config, len(self.data["y_train"])
        if "labeled_rows" not in own:
            self.data["labeled_rows"] = labeled_subset(
                self.data["y_train"], config["labeledFraction"], self.built["classes"], config["seed"]
            )
        labeled = self.data["labeled_rows"]
        pools = {k: np.arange(n) if self.built["plans"][k] == "all" else labeled for k in self.plans}
        batch = args.batch_size or config["batchSize"]
        per_epoch_t = math.ceil(n / batch)
        per_epoch_s = max(math.ceil(len(p) / batch) for p in pools.values())
        self.teacher_steps = (args.teacher_epochs or config["teacherEpochs"]) * per_epoch_t
        self.student_steps = (args.student_epochs or config["studentEpochs"]) * per_epoch_s
        self.teacher_plan = seeded_batches(np.arange(n), batch, self.teacher_steps, config["seed"])
        # One seed for every student plan: students over the same pool see the same batches.
        self.plans = {
            k: seeded_batches(pool, batch, self.student_steps, config["seed"] + 1)
            for k, pool in pools.items()
        }
        self.steps = {**self.steps, "teacherPerEpoch": per_epoch_t, "studentsPerEpoch": per_epoch_s}

    def rows(self, batch):
        """A step's rows (the −1 padding dropped), and this rank's share of them."""
        rows = np.asarray(batch)
        rows = rows[rows >= 0].astype(np.int64)
        return rows, torch.from_numpy(my_share(rows)).to(self.device)


def ddp(module):
    return DistributedDataParallel(module) if WORLD > 1 else module


def train_teacher(run):
    """The teacher: cross-entropy on every training row's label, at each step's rate."""
    teacher = Net(run.built["input"], run.built["teacher"]["hidden"], run.built["classes"])
    teacher = teacher.to(run.device)
    if not run.imported:
        load_weights(teacher, run.init, "teacher")
    model = ddp(teacher)
    optimizer = torch.optim.Adam(teacher.parameters(), lr=run.config["learningRate"], eps=ADAM_EPS)
    losses, per_epoch = [], run.steps["teacherPerEpoch"]
    for step in range(run.teacher_steps):
        rows, mine = run.rows(run.teacher_plan[step])
        teacher.train()
        logits, _ = model(run.x_train[mine])
        ones = torch.ones(len(mine), device=run.device)
        loss = hard_term(logits, run.y_train[mine], ones, len(rows))
        optimizer.zero_grad()
        (loss * WORLD).backward()
        for group in optimizer.param_groups:
            group["lr"] = setting(run.data, "teacher_lr", step)
        optimizer.step()
        losses.append(reduced(loss))
        if (step + 1) % per_epoch == 0:
            log(f"teacher epoch {(step + 1) // per_epoch}: loss {losses[-1]:.4f}")
    teacher.eval()
    return teacher, losses


def teacher_outputs(run, teacher):
    """Convention: the soft targets are the finished teacher's logits (no dropout), computed once;
    the students never train it. Hints match its last hidden layer, also without dropout."""
    with torch.no_grad():
        if run.imported:
            return torch.from_numpy(run.data["teacher_logits_train"]).to(run.device), None
        soft = predict(teacher, run.x_train)
        if not any(s["regressor"] for s in run.built["students"]):
            return soft, None
        chunks = range(0, len(run.x_train), 2048)
        return soft, torch.cat([teacher(run.x_train[i : i + 2048])[1] for i in chunks])


def build_students(run):
    """Each student (and a hint student's regressor) from its initial weights, with its Adam."""
    nets, modules, optimizers = [], [], []
    for i, spec in enumerate(run.built["students"]):
        net = Net(run.built["input"], spec["hidden"], run.built["classes"]).to(run.device)
        load_weights(net, run.init, f"student{i}")
        regressor = None
        if spec["regressor"]:
            w = torch.from_numpy(run.init[f"student{i}.regressor_w"])
            regressor = nn.Linear(w.shape[0], w.shape[1]).to(run.device)
            regressor.weight.data.copy_(w.t())
            regressor.bias.data.copy_(torch.from_numpy(run.init[f"student{i}.regressor_b"]))
        module = Student(net, regressor).to(run.device)
        nets.append(net)
        modules.append(ddp(module))
        trainable = net.out.parameters() if spec["probe"] else module.parameters()
        optimizers.append(torch.optim.Adam(trainable, lr=run.config["learningRate"], eps=ADAM_EPS))
    return nets, modules, optimizers


def student_loss(run, i, spec, step, batch):
    """Student `i`'s loss at `step` by its method, at the settings the run played there."""
    rows, mine, soft, teacher_hidden = batch
    logits, fitted = run.modules[i](run.x_train[mine])
    y = run.y_train[mine]
    masked = spec["masked"]
    weight = run.mask[mine] if masked else torch.ones(len(mine), device=run.device)
    count = int(run.mask[torch.from_numpy(rows).to(run.device)].sum()) if masked else len(rows)
    p = {name: setting(run.data, f"s{i}_{name}", step) for name in step_params(run.data, i)}
    kind = spec["kind"]
    if kind == "scratch":
        return hard_term(logits, y, weight, count)
    if kind == "ls":
        return hard_term(logits, y, weight, count, p["epsilon"])
    if kind == "dkd":
        # mdistiller's warm-up: min(epoch / warm-up, 1), epochs counted from 1.
        epoch = step // run.steps["studentsPerEpoch"]
        p["warmup_factor"] = min((epoch + 1) / p["warmup"], 1.0) if p["warmup"] > 0 else 1.0
        return dkd_loss(logits, soft[mine], y, weight, count, len(rows), masked, p)
    loss = kd_loss(logits, soft[mine], y, weight, count, len(rows), p["temperature"], p["alpha"])
    if kind == "hint":
        loss = loss + hint_term(fitted, teacher_hidden[mine], len(rows), p["gamma"])
    return loss


def train_students(run, soft, teacher_hidden):
    """Every student in lockstep: at each step, each takes its own batch and its own Adam step."""
    run.nets, run.modules, optimizers = build_students(run)
    specs = run.built["students"]
    losses, per_epoch = [[] for _ in specs], run.steps["studentsPerEpoch"]
    for step in range(run.student_steps):
        for i, spec in enumerate(specs):
            rows, mine = run.rows(run.plans[spec["batches"]][step])
            run.modules[i].train()
            loss = student_loss(run, i, spec, step, (rows, mine, soft, teacher_hidden))
            optimizers[i].zero_grad()
            (loss * WORLD).backward()
            for group in optimizers[i].param_groups:
                group["lr"] = setting(run.data, "student_lr", step)
            optimizers[i].step()
            losses[i].append(reduced(loss))
        if (step + 1) % per_epoch == 0:
            done = ", ".join(f"{s['name']} {l[-1]:.4f}" for s, l in zip(specs, losses))
            log(f"student epoch {(step + 1) // per_epoch}: {done}")
    return losses


def evaluate(run, teacher):
    """Test accuracy, agreement with the teacher, and every pair the run compares (a student
    against the scratch or label-smoothing student of its network, or against the teacher),
    McNemar's p Holm-adjusted over them."""
    teacher_test = (
        torch.from_numpy(run.data["teacher_logits_test"]).to(run.device)
        if run.imported
        else predict(teacher, run.x_test)
    )
    teacher_pred = teacher_test.argmax(1)
    predictions = [predict(net, run.x_test).argmax(1) for net in run.nets]
    accuracy = lambda pred: float((pred == run.y_test).float().mean())
    specs = run.built["students"]
    students = [
        {
            "name": spec["name"],
            "kind": spec["kind"],
            "testAccuracy": accuracy(pred),
            "agreement": float((pred == teacher_pred).float().mean()),
        }
        for spec, pred in zip(specs, predictions)
    ]
    labels = run.y_test.cpu().numpy()
    comparisons = []
    for c in run.built.get("comparisons", []):
        ref = c["scratchIndex"]
        second = teacher_pred if ref == "teacher" else predictions[ref]
        diff = paired(predictions[c["kdIndex"]].cpu().numpy(), second.cpu().numpy(), labels)
        comparisons.append(
            {
                "distilled": specs[c["kdIndex"]]["name"],
                "scratch": "Teacher" if ref == "teacher" else specs[ref]["name"],
                "kdIndex": c["kdIndex"],
                "scratchIndex": ref,
                "counts": {k: diff[k] for k in ("n", "onlyFirst", "onlySecond")},
                **{k: diff[k] for k in ("difference", "low", "high", "p", "n")},
            }
        )
    for c, adjusted in zip(comparisons, holm([c["p"] for c in comparisons])):
        c["pHolm"] = adjusted
    result = {
        "teacher": {"testAccuracy": accuracy(teacher_pred)},
        "students": students,
        "comparisons": comparisons,
    }
    pair = run.built.get("pair")
    if pair:
        d, s = pair["distilled"], pair["scratch"]
        result["distilled"], result["scratch"] = students[d], students[s]
        result["gain"] = paired(predictions[d].cpu().numpy(), predictions[s].cpu().numpy(), labels)
    return result


def main():
    args = parse_args()
    device = pick_device(args.device)
    run = Run(args, device)
    torch.manual_seed(run.config["seed"] + RANK)
    started = time.time()
    teacher, teacher_losses = train_teacher(run)
    soft, teacher_hidden = teacher_outputs(run, teacher)
    student_losses = train_students(run, soft, teacher_hidden)
    report = {
        "backend": "pytorch",
        "device": str(device),
        "world": WORLD,
        "torch": torch.__version__,
        "config": run.config,
        "seconds": round(time.time() - started, 1),
        **evaluate(run, teacher),
        "steps": {
            "teacher": teacher_losses[: args.log_steps],
            "students": [l[: args.log_steps] for l in student_losses],
        },
    }
    if RANK == 0:
        print(json.dumps(report))


def step_params(data, i):
    prefix = f"s{i}_"
    return [k[len(prefix) :] for k in data if k.startswith(prefix)]


def reduced(loss):
    """The whole batch's loss: the ranks' shares added up."""
    value = loss.detach().clone()
    if WORLD > 1:
        dist.all_reduce(value)
    return float(value)


def pick_device(name):
    if name != "auto":
        return torch.device(name)
    if WORLD > 1 and torch.cuda.is_available():
        return torch.device("cuda", int(os.environ.get("LOCAL_RANK", 0)))
    if torch.cuda.is_available():
        return torch.device("cuda")
    if getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--device", default="auto", help="cpu, cuda, cuda:1, mps (default: the best here)")
    p.add_argument("--data", help="a larger dataset in data.npz's layout (x_train, y_train, x_test, y_test; labeled_rows optional)")
    p.add_argument("--teacher-epochs", type=int, help="with --data: the teacher's epochs")
    p.add_argument("--student-epochs", type=int, help="with --data: the students' epochs")
    p.add_argument("--batch-size", type=int, help="with --data: rows per step, over every rank")
    p.add_argument("--log-steps", type=int, default=100, help="steps whose losses the JSON lists")
    return p.parse_args()


# torchrun sets these; a plain `python train.py` is one rank of one.
WORLD = int(os.environ.get("WORLD_SIZE", 1))
RANK = int(os.environ.get("RANK", 0))

if __name__ == "__main__":
    if WORLD > 1:
        dist.init_process_group("nccl" if torch.cuda.is_available() else "gloo")
        if torch.cuda.is_available():
            torch.cuda.set_device(int(os.environ.get("LOCAL_RANK", 0)))
    try:
        main()
    finally:
        if WORLD > 1:
            dist.destroy_process_group()
