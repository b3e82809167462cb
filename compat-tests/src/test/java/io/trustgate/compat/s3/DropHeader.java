package io.trustgate.compat.s3;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Removes one header from every request before it is signed. Used only on a lane whose server departs from AWS
 * by refusing that header (see {@link S3Target.Deviation}), so the rest of a suite can still run there.
 */
final class DropHeader implements ExecutionInterceptor {

    private final String name;

    DropHeader(String name) {
        this.name = name;
    }

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        return context.httpRequest().toBuilder().removeHeader(name).build();
    }
}
