# syntax=docker/dockerfile:1
# HoiThi as a container: `docker build -t hoithi .` then
#   docker run -p 3000:3000 -v hoithi-data:/var/lib/hoithi hoithi
# (SQLite in the volume), or with -e DATABASE_URL=postgres://... for PostgreSQL. The image's
# server listens on all interfaces of the container; put the reverse proxy in front of it.

FROM rust:1.95-bookworm AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends npm \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# Installs the wasm target, cargo-leptos, wasm-bindgen and wasm-opt at the versions the build needs.
RUN bash -c 'source .dev/tools.sh' \
 && PATH="/src/.tools/node_modules/.bin:$PATH" cargo leptos build --release --precompress --split

FROM debian:bookworm-slim AS run
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --create-home --home-dir /var/lib/hoithi --shell /usr/sbin/nologin hoithi
COPY --from=build /src/target/release/hoithi /usr/local/bin/hoithi
COPY --from=build /src/target/site /opt/hoithi/site
COPY --from=build /src/questions/bank /opt/hoithi/questions
ENV HOITHI_ADDR=0.0.0.0:3000 \
    LEPTOS_SITE_ROOT=/opt/hoithi/site \
    DATABASE_URL=sqlite:///var/lib/hoithi/hoithi.db?mode=rwc \
    HOITHI_LOG_FORMAT=json
USER hoithi
WORKDIR /var/lib/hoithi
VOLUME ["/var/lib/hoithi"]
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s \
  CMD curl -fsS http://127.0.0.1:3000/readyz || exit 1
ENTRYPOINT ["/usr/local/bin/hoithi"]
CMD ["serve"]
