package io.backbeat.cli.operate;

import io.backbeat.events.StackOutputs;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Which stack an operator command works on: a deployed one, found by its CloudFormation stack name
 * (its outputs name the bucket, the tables and the dead-letter queue), or with {@code --local} the
 * one {@code backbeat local run --keep} keeps running. AWS credentials and region come from the SDK's
 * usual chain (environment, profile, SSO, instance role); none are read or stored here.
 */
public final class StackTarget {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--stack", paramLabel = "NAME", defaultValue = StackOutputs.DEFAULT_STACK,
            description = "the deployed stack's CloudFormation name (default: ${DEFAULT-VALUE})")
    String stack;

    @Option(names = "--region", paramLabel = "REGION", description = "its region (default: the AWS SDK's, e.g. AWS_REGION or the profile's)")
    String region;

    @Option(names = "--local", paramLabel = "FILE", arity = "0..1", fallbackValue = "out/local-run/local-stack.json",
            description = "work on the local stack of 'backbeat local run --keep' instead (FILE defaults to"
                    + " out/local-run/local-stack.json)")
    Path local;

    /** @throws ParameterException naming the stack and what to do when it cannot be found (a usage error, exit 64) */
    public ConnectedStack connect() {
        try {
            return local != null ? connectLocal(local) : connectDeployed();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), e.getMessage());
        }
    }

    private static ConnectedStack connectLocal(Path file) {
        LocalStackDescription described = LocalStackDescription.read(file);
        if (!ProcessHandle.of(described.pid()).map(ProcessHandle::isAlive).orElse(false)) {
            throw new IllegalArgumentException("the local stack described by " + file + " is not running (process "
                    + described.pid() + " has ended); start it again with 'backbeat local run --keep'");
        }
        SqsClient sqs = described.sqsEndpoint() == null ? null
                : LocalStackClients.at(SqsClient.builder(), described.sqsEndpoint()).build();
        return new ConnectedStack("the local stack of " + file, described.bucket(), described.ledgerTable(),
                described.servingTable(), described.deadLetterQueueUrl(),
                LocalStackClients.s3(described.s3Endpoint()),
                LocalStackClients.at(DynamoDbClient.builder(), described.dynamoDbEndpoint()).build(), sqs,
                () -> LocalStackClients.s3Multipart(described.s3Endpoint()));
    }

    private ConnectedStack connectDeployed() {
        Map<String, String> outputs = new HashMap<>();
        String where;
        try (CloudFormationClient cloudFormation = withRegion(CloudFormationClient.builder()).build()) {
            Stack found = cloudFormation.describeStacks(r -> r.stackName(stack)).stacks().get(0);
            for (Output output : found.outputs()) {
                outputs.put(output.outputKey(), output.outputValue());
            }
            where = "stack " + stack + " (" + cloudFormation.serviceClientConfiguration().region() + ")";
        } catch (CloudFormationException e) {
            throw new IllegalArgumentException("stack " + stack + " could not be read from CloudFormation: "
                    + e.awsErrorDetails().errorMessage() + "; deploy it with 'cdk deploy', or name it with --stack"
                    + " and --region (or use --local for the local stack)");
        } catch (SdkException e) {
            throw new IllegalArgumentException("CloudFormation could not be reached for stack " + stack + ": " + e.getMessage()
                    + "; set AWS credentials and a region (AWS_PROFILE, AWS_REGION or --region), or use --local");
        }
        return new ConnectedStack(where, required(outputs, StackOutputs.BUCKET_NAME), required(outputs, StackOutputs.LEDGER_TABLE),
                required(outputs, StackOutputs.SERVING_TABLE), outputs.get(StackOutputs.DEAD_LETTER_QUEUE_URL),
                withRegion(S3Client.builder()).build(), withRegion(DynamoDbClient.builder()).build(),
                withRegion(SqsClient.builder()).build(),
                () -> {
                    var builder = S3AsyncClient.builder().multipartEnabled(true).httpClientBuilder(NettyNioAsyncHttpClient.builder());
                    if (region != null) {
                        builder.region(Region.of(region));
                    }
                    return builder.build();
                });
    }

    private String required(Map<String, String> outputs, String name) {
        String value = outputs.get(name);
        if (value == null) {
            throw new IllegalArgumentException("stack " + stack + " has no output " + name + "; is it a Backbeat stack?"
                    + " Redeploy it with this version's 'cdk deploy'");
        }
        return value;
    }

    private <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, ?>
            & software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<B, ?>> B withRegion(B builder) {
        builder.httpClientBuilder(ApacheHttpClient.builder());
        if (region != null) {
            builder.region(Region.of(region));
        }
        return builder;
    }
}
