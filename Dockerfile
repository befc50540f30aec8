# Builds either service: docker build --build-arg MODULE=command-side .   (docker-compose.yml does this for you)
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
ARG MODULE
COPY --from=build /src/${MODULE}/target/${MODULE}-*.jar /app/service.jar
ENTRYPOINT ["java", "-jar", "/app/service.jar"]
