package io.trustgate.s3.spi;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link BlobStore} does with each {@link BlobCapability}: one of the four answers and, for anything but a
 * plain native answer, why. This is the backend's whole declaration: the server decides with it at run time
 * ({@code operation.OperationSupport}) and {@code trustgate capabilities} / {@code docs/compatibility.md} print it.
 * A capability the declaration leaves out is {@link Support#REFUSED}. Immutable; build with {@link #builder}.
 */
public final class BlobCapabilities {

    /** One declared answer; {@code reason} is null for a plain native answer. */
    public record Answer(Support support, String reason) {
        public Answer {
            Objects.requireNonNull(support, "support");
        }
    }

    private static final Answer UNDECLARED = new Answer(Support.REFUSED, "not declared by the backend");

    private final Map<BlobCapability, Answer> answers;

    private BlobCapabilities(Map<BlobCapability, Answer> answers) {
        this.answers = Collections.unmodifiableMap(new EnumMap<>(answers));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The declared answer, {@link Support#REFUSED} when not declared. */
    public Answer answer(BlobCapability capability) {
        return answers.getOrDefault(capability, UNDECLARED);
    }

    public Support support(BlobCapability capability) {
        return answer(capability).support();
    }

    /** True unless refused. */
    public boolean has(BlobCapability capability) {
        return support(capability) != Support.REFUSED;
    }

    /** The declared capabilities in {@link BlobCapability} order. */
    public Map<BlobCapability, Answer> asMap() {
        return answers;
    }

    /** Collects answers; declaring a capability twice is a programming error. */
    public static final class Builder {

        private final Map<BlobCapability, Answer> answers = new EnumMap<>(BlobCapability.class);

        private Builder() {
        }

        /** The backend does it; {@code note} (may be null) names how, or a caveat. */
        public Builder natively(BlobCapability capability, String note) {
            return put(capability, new Answer(Support.NATIVE, note));
        }

        /** The gateway builds it from what the backend has: correct, maybe slower; {@code how} is required. */
        public Builder emulated(BlobCapability capability, String how) {
            return put(capability, new Answer(Support.EMULATED, Objects.requireNonNull(how, "how")));
        }

        /** A hint without effect on results; {@code why} is required. */
        public Builder ignored(BlobCapability capability, String why) {
            return put(capability, new Answer(Support.IGNORED, Objects.requireNonNull(why, "why")));
        }

        /** Answered {@code 501 NotImplemented} naming the backend; {@code why} is required. */
        public Builder refused(BlobCapability capability, String why) {
            return put(capability, new Answer(Support.REFUSED, Objects.requireNonNull(why, "why")));
        }

        private Builder put(BlobCapability capability, Answer answer) {
            if (answers.putIfAbsent(capability, answer) != null) {
                throw new IllegalStateException(capability + " declared twice");
            }
            return this;
        }

        public BlobCapabilities build() {
            return new BlobCapabilities(answers);
        }
    }
}
