# LiveRoom in embedded mode: one container, data in /data.
# Build: docker build -t liveroom .   Run: docker run -p 5080:5080 -p 1935:1935 -v liveroom-data:/data liveroom

FROM node:22-bookworm-slim AS web
WORKDIR /src/src/LiveRoom.Web
COPY src/LiveRoom.Web/package.json src/LiveRoom.Web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY src/LiveRoom.Web/ ./
RUN npm run build

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
RUN dotnet publish src/LiveRoom.Server/LiveRoom.Server.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ffmpeg \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
COPY --from=web /src/src/LiveRoom.Server/wwwroot ./wwwroot
ENV ASPNETCORE_URLS=http://0.0.0.0:5080 \
    LiveRoom__Ingest__ListenAddress=0.0.0.0 \
    LIVEROOM_DATA=/data
VOLUME /data
EXPOSE 5080 1935
ENTRYPOINT ["dotnet", "LiveRoom.Server.dll", "--contentRoot", "/app"]
