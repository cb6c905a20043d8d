"""Writes tiny-torch-bert/: a 2-layer BERT with hidden size 8 saved by torch.save as
pytorch_model.bin, the fixture of adeaug's pytorch_model.bin reader (TorchCheckpointTests).

Made with torch 2.15.0 and transformers 5.24.0 (scripts/bench-pytorch.sh's virtual environment):
    ~/.cache/adeaug/pytorch-venv/bin/python Tests/Fixtures/make_tiny_torch_bert.py

Every tensor holds known values, so the test needs no torch: element i (row-major, of the
logical tensor) is (i % 97) * 0.01 + (sum of the name's character codes % 89) * 0.001.
Three tensors are stored the awkward ways a real file can hold them: the layer-0 query weight
as a transposed (non-contiguous) view, the layer-1 key and value biases as two views of one
storage (the value bias at an offset), and the pooler bias in float16.
"""
import json
import os

import torch
from transformers import BertConfig, BertForSequenceClassification

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tiny-torch-bert")


def value(name, shape):
    count = 1
    for size in shape:
        count *= size
    k = sum(map(ord, name)) % 89
    return ((torch.arange(count) % 97).float() * 0.01 + k * 0.001).reshape(shape)


def main():
    config = BertConfig(vocab_size=20, hidden_size=8, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=16, max_position_embeddings=16, type_vocab_size=2, num_labels=2)
    model = BertForSequenceClassification(config)
    state = {name: value(name, tuple(t.shape)) for name, t in model.state_dict().items() if t.is_floating_point()}

    query = "bert.encoder.layer.0.attention.self.query.weight"
    base = torch.empty(tuple(reversed(state[query].shape)))
    base.t().copy_(state[query])
    state[query] = base.t()
    assert not state[query].is_contiguous()

    key, val = "bert.encoder.layer.1.attention.self.key.bias", "bert.encoder.layer.1.attention.self.value.bias"
    shared = torch.cat([state[key], state[val]])
    state[key], state[val] = shared[:8], shared[8:]

    state["bert.pooler.dense.bias"] = state["bert.pooler.dense.bias"].half()

    os.makedirs(HERE, exist_ok=True)
    torch.save(state, os.path.join(HERE, "pytorch_model.bin"))
    config_dict = config.to_dict()
    config_dict["architectures"] = ["BertForSequenceClassification"]
    with open(os.path.join(HERE, "config.json"), "w") as f:
        json.dump({k: v for k, v in config_dict.items() if not k.startswith("_")}, f, indent=2, sort_keys=True, default=str)
    with open(os.path.join(HERE, "vocab.txt"), "w") as f:
        f.write("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + [f"w{i}" for i in range(15)]) + "\n")


if __name__ == "__main__":
    main()
