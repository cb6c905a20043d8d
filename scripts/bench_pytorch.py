"""What a user would otherwise run: PyTorch + transformers on the same split, the same machine.

Reproduces the settings of ../shared/reference/pytorch-baseline.json so that
`adeaug bench train` can be compared with PyTorch in the same session on the same CPU
(the recorded figures were taken on another machine of this kind). Run through
`scripts/bench-pytorch.sh`, which installs the pinned packages into a cache venv;
prints one JSON object.

Training: BertForSequenceClassification, AdamW lr 5e-5, batch 32, fp32, dropout on, max length
128; a step is collate + forward + loss + backward + optimizer step. Inference: eval mode,
no_grad, batch 64, padded to the longest, the test split. Both are timed with two batchings:
"training"/"inference" with Hugging Face's default (random order, or file order for inference,
padded to the longest in the batch: about 68 tokens per sentence on ADE Corpus v2), and
"training_length_grouped"/"inference_length_grouped" with batches of similar length (training:
the batches `group_by_length` gives, transformers' LengthGroupedSampler, about 31 padded tokens
per sentence as adeaug's packed, length-bucketed batches; inference: the sentences sorted by
length), so that a speed-up can be quoted at equal batching. Tokenizer: the fast
tokenizer's encode_batch on one thread.

--memory-only: a process that only trains with length-grouped batches (--steps steps, then one
step on the batch-size longest sentences, as `adeaug bench train` ends) and prints its peak
memory, so that peak is PyTorch's at equal batching, not the padded run's.
--gradient-checkpointing: `model.gradient_checkpointing_enable()` in training, to compare with
`adeaug bench train --gradient-checkpointing` at equal settings.
"""

import argparse
import json
import os
import random
import resource
import sys
import time

# One tokenizer thread; must be set before tokenizers is imported.
os.environ.setdefault("RAYON_NUM_THREADS", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import torch  # noqa: E402
from transformers import AutoTokenizer, BertForSequenceClassification  # noqa: E402
from transformers.trainer_pt_utils import LengthGroupedSampler  # noqa: E402


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def peak_rss_gib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 * 1024)


def tokenizer_figures(tokenizer, texts, max_length):
    backend = tokenizer.backend_tokenizer
    backend.enable_truncation(max_length)
    backend.no_padding()
    sentences = tokens = 0
    start = time.perf_counter()
    while time.perf_counter() - start < 1 or sentences == 0:
        encodings = backend.encode_batch(texts)
        sentences += len(texts)
        tokens += sum(len(e.ids) for e in encodings)
    seconds = time.perf_counter() - start
    return {"sentences_per_s": sentences / seconds, "tokens_per_s": tokens / seconds}


def token_counts(tokenizer, texts, max_length):
    return [len(ids) for ids in tokenizer(texts, truncation=True, max_length=max_length)["input_ids"]]


def length_sorted_order(tokenizer, texts, max_length):
    """Inference with batches of similar length: the sentences sorted by token count, as adeaug
    predicts (transformers' Trainer does not group evaluation batches; its sampler's mega-batches
    shrink with the data, so on a few hundred sentences they would barely group)."""
    lengths = token_counts(tokenizer, texts, max_length)
    return sorted(range(len(texts)), key=lambda i: (-lengths[i], i))


def length_grouped_order(tokenizer, texts, batch_size, max_length, seed):
    """The batches `group_by_length` gives (transformers' own sampler over the token counts), in a
    seeded random order: the sampler puts the longest batches of each mega-batch first, so a run of
    a few timed steps would otherwise see only long sentences."""
    lengths = token_counts(tokenizer, texts, max_length)
    generator = torch.Generator().manual_seed(seed)
    order = list(LengthGroupedSampler(batch_size, lengths=lengths, generator=generator))
    batches = [order[i:i + batch_size] for i in range(0, len(order), batch_size)]
    random.Random(seed).shuffle(batches)
    return [i for batch in batches for i in batch]


def inference_figures(model, tokenizer, texts, batch_size, max_length, order=None):
    order = order if order is not None else range(len(texts))
    texts = [texts[i] for i in order]
    model.eval()
    padded_tokens = 0
    start, cpu_start = time.perf_counter(), time.process_time()
    with torch.no_grad():
        for i in range(0, len(texts), batch_size):
            batch = tokenizer(texts[i:i + batch_size], padding=True, truncation=True, max_length=max_length, return_tensors="pt")
            model(**batch)
            padded_tokens += batch["input_ids"].numel()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    return {"sentences": len(texts), "seconds": seconds, "sentences_per_s": len(texts) / seconds,
            "cpu_seconds": cpu, "sentences_per_cpu_second": len(texts) / cpu,
            "padded_tokens_per_sentence": padded_tokens / len(texts)}


def train_step(model, optimizer, tokenizer, chosen, max_length):
    batch = tokenizer([r["text"] for r in chosen], padding=True, truncation=True, max_length=max_length, return_tensors="pt")
    labels = torch.tensor([r["label"] for r in chosen])
    loss = model(**batch, labels=labels).loss
    loss.backward()
    optimizer.step()
    optimizer.zero_grad(set_to_none=True)
    return batch


def peak_memory_figures(model, tokenizer, rows, batch_size, max_length, steps, order):
    """Length-grouped steps, then one on the longest sentences: the process's peak is then
    equal-batching training's worst batch (what `adeaug bench train` reports as its peak)."""
    model.train()
    optimizer = torch.optim.AdamW(model.parameters(), lr=5e-5)
    for step in range(steps):
        train_step(model, optimizer, tokenizer, [rows[order[(step * batch_size + i) % len(rows)]] for i in range(batch_size)], max_length)
    lengths = token_counts(tokenizer, [r["text"] for r in rows], max_length)
    longest = sorted(range(len(rows)), key=lambda i: (-lengths[i], i))[:batch_size]
    train_step(model, optimizer, tokenizer, [rows[i] for i in longest], max_length)
    return {"steps": steps, "peak_rss_gib": peak_rss_gib(), "peak_rss_note": "whole process: length-grouped training, then a step on the longest sentences"}


def training_figures(model, tokenizer, rows, batch_size, max_length, warmup_steps, timed_steps, seed, order=None):
    """Steps over `order` (default: a seeded shuffle, as the default random sampler)."""
    model.train()
    optimizer = torch.optim.AdamW(model.parameters(), lr=5e-5)
    if order is None:
        order = list(range(len(rows)))
        random.Random(seed).shuffle(order)
    real_tokens = padded_tokens = 0
    start = None
    for step in range(warmup_steps + timed_steps):
        if step == warmup_steps:
            start, cpu_start = time.perf_counter(), time.process_time()
            real_tokens = padded_tokens = 0
        chosen = [rows[order[(step * batch_size + i) % len(rows)]] for i in range(batch_size)]
        batch = train_step(model, optimizer, tokenizer, chosen, max_length)
        real_tokens += int(batch["attention_mask"].sum())
        padded_tokens += batch["input_ids"].numel()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    samples = timed_steps * batch_size
    return {
        "samples_per_s": samples / seconds, "nonpad_tokens_per_s": real_tokens / seconds,
        "padded_tokens_per_s": padded_tokens / seconds, "mean_padded_length": padded_tokens / samples,
        "timed_steps": timed_steps, "seconds": seconds, "cpu_seconds": cpu, "samples_per_cpu_second": samples / cpu,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True, help="Hugging Face BERT folder")
    parser.add_argument("--data", required=True, help="folder with train.jsonl and test.jsonl")
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--steps", type=int, default=100, help="timed training steps")
    parser.add_argument("--warmup-steps", type=int, default=5)
    parser.add_argument("--inference-limit", type=int, default=0, help="test sentences to time (0: all)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--memory-only", action="store_true", help="only length-grouped training's peak memory")
    parser.add_argument("--gradient-checkpointing", action="store_true", help="recompute activations in backward")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    train = read_jsonl(os.path.join(args.data, "train.jsonl"))
    test = read_jsonl(os.path.join(args.data, "test.jsonl"))
    tokenizer = AutoTokenizer.from_pretrained(args.model)

    def fresh_model():
        # Seeded, so both batchings train the same network from the same new head.
        torch.manual_seed(args.seed)
        model = BertForSequenceClassification.from_pretrained(args.model, num_labels=2)
        if args.gradient_checkpointing:
            model.gradient_checkpointing_enable()
        return model

    software = {"python": sys.version.split()[0], "torch": torch.__version__,
                "transformers": __import__("transformers").__version__, "threads": torch.get_num_threads()}
    if args.memory_only:
        model = fresh_model()
        order = length_grouped_order(tokenizer, [r["text"] for r in train], 32, 128, args.seed)
        result = {"software": software, "model": args.model, "gradient_checkpointing": args.gradient_checkpointing,
                  "training_length_grouped": peak_memory_figures(model, tokenizer, train, 32, 128, args.steps, order)}
        print(json.dumps(result, indent=2))
        return

    model = fresh_model()

    texts = [r["text"] for r in test][:args.inference_limit or None]
    result = {
        "software": software,
        "model": args.model,
        "gradient_checkpointing": args.gradient_checkpointing,
        "tokenizer": tokenizer_figures(tokenizer, [r["text"] for r in train], 128),
    }
    # The two batchings alternate (inference, then training), so that both see the same load.
    grouped_test = length_sorted_order(tokenizer, texts, 128)
    grouped_train = length_grouped_order(tokenizer, [r["text"] for r in train], 32, 128, args.seed)
    result["inference"] = inference_figures(model, tokenizer, texts, 64, 128)
    result["inference_length_grouped"] = inference_figures(model, tokenizer, texts, 64, 128, grouped_test)
    result["training"] = training_figures(model, tokenizer, train, 32, 128, args.warmup_steps, args.steps, args.seed)
    del model  # the second run starts afresh (a copy kept aside would count in the peak memory)
    model = fresh_model()
    result["training_length_grouped"] = training_figures(
        model, tokenizer, train, 32, 128, args.warmup_steps, args.steps, args.seed, grouped_train)
    result["peak_rss_gib"] = peak_rss_gib()
    result["load_average_1min"] = os.getloadavg()[0]
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
