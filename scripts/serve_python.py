"""The Python stack `adeaug bench serve --python` compares against: the exported folder in a
transformers text-classification pipeline behind FastAPI + uvicorn, one worker, two threads.

Speaks the part of the SageMaker contract the benchmark uses: GET /ping, POST /invocations with
application/json {"inputs": "text"} or {"inputs": ["t1", ...]}, answered as the Hugging Face
inference toolkit does ([{"label": ..., "score": ...}], one list per input for a batch).
"""

import argparse
from contextlib import asynccontextmanager

import anyio.to_thread
import torch
import uvicorn
from fastapi import FastAPI, HTTPException, Request, Response
from transformers import pipeline

THREADS = 2


def make_app(model: str, max_length: int) -> FastAPI:
    torch.set_num_threads(THREADS)
    classifier = pipeline("text-classification", model=model, device="cpu")

    @asynccontextmanager
    async def lifespan(_: FastAPI):
        # FastAPI runs sync handlers on anyio's thread pool (40 by default): two, as configured.
        anyio.to_thread.current_default_thread_limiter().total_tokens = THREADS
        yield

    app = FastAPI(lifespan=lifespan)

    @app.get("/ping")
    def ping() -> Response:
        return Response(status_code=200)

    @app.post("/invocations")
    def invocations(body: dict) -> list:
        inputs = body.get("inputs")
        if isinstance(inputs, str) and inputs:
            return classifier(inputs, truncation=True, max_length=max_length)
        if isinstance(inputs, list) and inputs and all(isinstance(text, str) and text for text in inputs):
            return [[answer] for answer in classifier(inputs, truncation=True, max_length=max_length, batch_size=len(inputs))]
        raise HTTPException(status_code=400, detail='"inputs" must be a non-empty string or list of strings')

    return app


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--max-length", type=int, default=128)
    args = parser.parse_args()
    app = make_app(args.model, args.max_length)
    uvicorn.run(app, host=args.host, port=args.port, workers=1, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
