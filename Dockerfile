# Logwarden's image: build the jar first with ./mvnw package (the jar holds the production frontend bundle).
FROM eclipse-temurin:25-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --create-home --home-dir /var/lib/logwarden logwarden
WORKDIR /opt/logwarden
COPY target/logwarden-*.jar /opt/logwarden/logwarden.jar
USER logwarden
ENV LOGWARDEN_DATA_DIR=/var/lib/logwarden
EXPOSE 8080 4560
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=5 \
    CMD curl -fs http://localhost:8080/actuator/health || exit 1
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "-XX:MaxRAMPercentage=60", "-jar", "/opt/logwarden/logwarden.jar"]
