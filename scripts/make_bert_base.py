"""A BERT-base-shaped checkpoint with random weights, for timing only (`make bench-bert-base`).

The five checkpoints of the published search (docs/hub.md) are BERT-base: 12 layers, hidden 768,
12 heads, intermediate 3072. There is no Hub access here, so this writes one of that shape with
transformers' own initialisation (seeded), saved as `from_pretrained` expects, with the
tokenizer of the folder given (all-MiniLM-L6-v2's is bert-base-uncased's, 30,522 words). Timing
does not depend on the weights' values. Never commit the output: it is 420 MB.

    python scripts/make_bert_base.py --tokenizer DIR --out DIR
"""

import argparse
import os
import shutil

import torch
from transformers import AutoTokenizer, BertConfig, BertForSequenceClassification


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tokenizer", required=True, help="folder whose tokenizer to copy")
    parser.add_argument("--out", required=True, help="folder to write (outside the repository)")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    torch.manual_seed(args.seed)
    tokenizer = AutoTokenizer.from_pretrained(args.tokenizer)
    config = BertConfig(vocab_size=tokenizer.vocab_size, num_labels=2)  # BERT-base defaults otherwise
    model = BertForSequenceClassification(config)
    model.save_pretrained(args.out)
    tokenizer.save_pretrained(args.out)
    # transformers 5 saves tokenizer.json only; adeaug reads the WordPiece list from vocab.txt.
    vocab = os.path.join(args.tokenizer, "vocab.txt")
    if os.path.exists(vocab):
        shutil.copy(vocab, os.path.join(args.out, "vocab.txt"))
    print(f"{args.out}: {sum(p.numel() for p in model.parameters()):,} parameters")


if __name__ == "__main__":
    main()
