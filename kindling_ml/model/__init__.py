"""The shipped moderation model files (model.onnx, tokenizer.json, config.json, MODEL_CARD.md)."""
