"""Writes the tiny checkpoints of adeaug's loader tests (CheckpointFamilyTests): BERT folders as
the Hub holds them, with other heads, other weight layouts and other tokenizers, each with the
numbers PyTorch computes from it (expected.json), plus folders adeaug must refuse.

Made with torch 2.13.0+cpu, transformers 5.24.0 and safetensors 0.8.0 in a virtual environment
outside the checkout:
    python3 -m venv ~/.cache/adeaug/fixture-venv
    ~/.cache/adeaug/fixture-venv/bin/pip install torch==2.13.0+cpu transformers safetensors
    ~/.cache/adeaug/fixture-venv/bin/python Tests/Fixtures/make_tiny_bert_family.py

Loadable folders (hidden size 8, 2 layers, every parameter drawn from a seeded normal so a
wrongly mapped tensor shows in the outputs):
  tiny-cased-mlm/          BertForMaskedLM (no pooler, cls.predictions.*), model.safetensors,
                           cased vocabulary with tokenizer_config.json do_lower_case false,
                           max_position_embeddings and model_max_length 16.
  tiny-pretraining/        BertForPreTraining (pooler, cls.predictions.*, cls.seq_relationship.*),
                           model.safetensors, uncased vocabulary with tokenizer.json only.
  tiny-classifier-sharded/ BertForSequenceClassification saved in shards
                           (model.safetensors.index.json and model-0000k-of-0000n.safetensors).
expected.json holds, for each, what BertForSequenceClassification.from_pretrained reports
(missing_keys: initialised; unexpected_keys: ignored), the tokenizer's ids for `texts`, and the
model's outputs on them in eval mode: the last-layer [CLS] states, and the pooled output and
logits where the checkpoint has a pooler and a classifier (otherwise they are random).

Refused folders:
  tiny-non-bert/<model_type>/config.json  configs of RoBERTa, DeBERTa-v2, DistilBERT, ELECTRA
                           and ModernBERT as transformers writes them (config only).
  tiny-tf-only/            config.json, vocab.txt and a tf_model.h5 that is only the HDF5
                           signature (TensorFlow is not installed; adeaug refuses by file name).
"""
import json
import os
import shutil

import torch
import transformers
from transformers import (AutoTokenizer, BertConfig, BertForMaskedLM, BertForPreTraining,
                          BertForSequenceClassification)

HERE = os.path.dirname(os.path.abspath(__file__))

TEXTS = ["The Patient had Nausea after aspirin.", "Aspirin caused a rash, the patient said", "café [MASK] rash"]

CASED_WORDS = ["The", "the", "Patient", "patient", "had", "Na", "##usea", "nausea", "after", "Aspirin",
               "aspirin", "caused", "a", "rash", "said", ".", ",", "caf", "##é", "cafe", "##s", "As", "##pi", "##rin"]
UNCASED_WORDS = ["the", "patient", "had", "nausea", "after", "aspirin", "caused", "a", "rash", "said", ".", ",",
                 "cafe", "##s", "##e", "caf"]
SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def config(vocab_size, **extra):
    return BertConfig(vocab_size=vocab_size, hidden_size=8, num_hidden_layers=2, num_attention_heads=2,
                      intermediate_size=16, max_position_embeddings=extra.pop("max_position_embeddings", 32),
                      type_vocab_size=2, initializer_range=0.05, **extra)


def randomize(model, seed):
    """Every parameter from a seeded normal (LayerNorm weights around 1), so each tensor matters."""
    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            noise = torch.randn(parameter.shape, generator=generator) * 0.3
            parameter.copy_(noise + 1 if name.endswith("LayerNorm.weight") else noise)


def write_vocab(folder, words):
    with open(os.path.join(folder, "vocab.txt"), "w") as f:
        f.write("\n".join(SPECIALS + words) + "\n")


def fresh(name):
    folder = os.path.join(HERE, name)
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    return folder


def record_expected(folder, pooler_loaded, classifier_loaded):
    tokenizer = AutoTokenizer.from_pretrained(folder)
    model, info = BertForSequenceClassification.from_pretrained(folder, num_labels=2, output_loading_info=True)
    model.eval()
    encoded = tokenizer(TEXTS, padding=True, return_tensors="pt")
    with torch.no_grad():
        outputs = model.bert(input_ids=encoded["input_ids"], attention_mask=encoded["attention_mask"])
        logits = model(input_ids=encoded["input_ids"], attention_mask=encoded["attention_mask"]).logits
    ids = [[int(i) for i, m in zip(row, mask) if m == 1]
           for row, mask in zip(encoded["input_ids"].tolist(), encoded["attention_mask"].tolist())]
    expected = {
        "transformers": transformers.__version__,
        "tokenizer_class": type(tokenizer).__name__,
        "texts": TEXTS,
        "input_ids": ids,
        "tokens": [tokenizer.convert_ids_to_tokens(row) for row in ids],
        "missing_keys": sorted(info["missing_keys"]),
        "unexpected_keys": sorted(info["unexpected_keys"]),
        "cls_last_hidden": outputs.last_hidden_state[:, 0, :].tolist(),
    }
    if pooler_loaded:
        expected["pooled"] = outputs.pooler_output.tolist()
    if classifier_loaded:
        expected["logits"] = logits.tolist()
    with open(os.path.join(folder, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)


def cased_mlm():
    folder = fresh("tiny-cased-mlm")
    write_vocab(folder, CASED_WORDS)
    model = BertForMaskedLM(config(len(SPECIALS) + len(CASED_WORDS), max_position_embeddings=16))
    randomize(model, 1)
    model.save_pretrained(folder)
    with open(os.path.join(folder, "tokenizer_config.json"), "w") as f:
        json.dump({"tokenizer_class": "BertTokenizer", "do_lower_case": False, "model_max_length": 16,
                   "cls_token": "[CLS]", "sep_token": "[SEP]", "pad_token": "[PAD]", "unk_token": "[UNK]",
                   "mask_token": "[MASK]"}, f, indent=2)
    record_expected(folder, pooler_loaded=False, classifier_loaded=False)


def pretraining():
    folder = fresh("tiny-pretraining")
    write_vocab(folder, UNCASED_WORDS)
    model = BertForPreTraining(config(len(SPECIALS) + len(UNCASED_WORDS)))
    randomize(model, 2)
    model.save_pretrained(folder)
    # tokenizer.json alone: its normalizer carries the casing.
    AutoTokenizer.from_pretrained(folder).backend_tokenizer.save(os.path.join(folder, "tokenizer.json"))
    record_expected(folder, pooler_loaded=True, classifier_loaded=False)


def classifier_sharded():
    folder = fresh("tiny-classifier-sharded")
    write_vocab(folder, UNCASED_WORDS)
    model = BertForSequenceClassification(config(len(SPECIALS) + len(UNCASED_WORDS), num_labels=2))
    randomize(model, 3)
    model.save_pretrained(folder, max_shard_size="3KB")
    assert os.path.exists(os.path.join(folder, "model.safetensors.index.json")), "not sharded"
    record_expected(folder, pooler_loaded=True, classifier_loaded=True)


def non_bert():
    root = os.path.join(HERE, "tiny-non-bert")
    shutil.rmtree(root, ignore_errors=True)
    small = dict(vocab_size=40, hidden_size=8, num_hidden_layers=2, num_attention_heads=2, intermediate_size=16)
    configs = {
        "roberta": (transformers.RobertaConfig(**small), "RobertaForMaskedLM"),
        "deberta-v2": (transformers.DebertaV2Config(**small), "DebertaV2ForMaskedLM"),
        "distilbert": (transformers.DistilBertConfig(vocab_size=40, dim=8, n_layers=2, n_heads=2, hidden_dim=16),
                       "DistilBertForMaskedLM"),
        "electra": (transformers.ElectraConfig(embedding_size=8, **small), "ElectraForPreTraining"),
        "modernbert": (transformers.ModernBertConfig(**small), "ModernBertForMaskedLM"),
    }
    for name, (cfg, architecture) in configs.items():
        cfg.architectures = [architecture]
        folder = os.path.join(root, name)
        os.makedirs(folder)
        cfg.to_json_file(os.path.join(folder, "config.json"))


def tf_only():
    folder = fresh("tiny-tf-only")
    write_vocab(folder, UNCASED_WORDS)
    cfg = config(len(SPECIALS) + len(UNCASED_WORDS))
    cfg.architectures = ["BertForMaskedLM"]
    cfg.to_json_file(os.path.join(folder, "config.json"))
    with open(os.path.join(folder, "tf_model.h5"), "wb") as f:
        f.write(b"\x89HDF\r\n\x1a\n")


def main():
    torch.manual_seed(0)
    cased_mlm()
    pretraining()
    classifier_sharded()
    non_bert()
    tf_only()


if __name__ == "__main__":
    main()
