# Build with the Maven wrapper, run on a small JRE image as a non-root numeric user with no shell.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src src
RUN ./mvnw -B -q -DskipTests package

FROM gcr.io/distroless/java17-debian12:nonroot
WORKDIR /app
COPY --from=build /src/target/lib/ lib/
COPY --from=build /src/target/tenant-ingress-operator.jar tenant-ingress-operator.jar
USER 65532:65532
ENTRYPOINT ["java", "-jar", "/app/tenant-ingress-operator.jar"]
CMD ["run"]
