# adeaug as a SageMaker inference container: `docker run IMAGE serve` serves the fine-tuned
# folder SageMaker unpacks in /opt/ml/model on $SAGEMAKER_BIND_TO_PORT (8080 by default).
#
#   docker build -t adeaug .
#   docker run --rm -p 8080:8080 -v "$PWD/outputs/default/models/full:/opt/ml/model:ro" adeaug serve
#
# Two stages: the Swift toolchain image builds a release binary with the Swift runtime linked in
# statically; the runtime image is Debian slim with only the C libraries adeaug links
# (OpenBLAS, libcurl, SQLite, OpenSSL's libcrypto, snappy, zstd, zlib).
# Not built on the development machine (it has no container runtime): check it before relying on it.

FROM swift:6.3-bookworm AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libopenblas-dev libcurl4-openssl-dev libsqlite3-dev libssl-dev libsnappy-dev libzstd-dev zlib1g-dev pkg-config \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Dependencies first, so a source change does not fetch them again.
COPY Package.swift Package.resolved ./
RUN swift package resolve
COPY Sources Sources
COPY Tests Tests
RUN swift build -c release --product adeaug --static-swift-stdlib \
    && install -D "$(swift build -c release --show-bin-path)/adeaug" /out/adeaug

FROM debian:bookworm-slim AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libopenblas0-pthread libcurl4 libsqlite3-0 libssl3 libsnappy1v5 libzstd1 zlib1g ca-certificates tini \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/adeaug /usr/local/bin/adeaug
# SageMaker runs the image as `docker run IMAGE serve`: `serve` is adeaug's subcommand, so the
# entry point is the binary itself (tini forwards SIGTERM to it and reaps children).
RUN useradd --system --uid 10001 adeaug && mkdir -p /opt/ml/model
USER adeaug
EXPOSE 8080
ENTRYPOINT ["/usr/bin/tini", "--", "/usr/local/bin/adeaug"]
CMD ["serve"]
