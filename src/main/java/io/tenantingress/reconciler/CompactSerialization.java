package io.tenantingress.reconciler;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.introspect.AnnotatedMethod;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.CollectionType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Map;

/**
 * The operator's serialization: objects read from the API server share what thousands of them repeat. Each watched
 * object arrives with its own copies of the same strings (hostnames, namespaces, names of kinds, condition types,
 * reasons, messages and transition times, label values) and, in every nested fabric8 model, a map for unknown
 * fields that is almost always empty; at 5,000 tenants these were half of the live heap (docs/benchmarks.md).
 *
 * <p>Strings are interned as they are parsed (the JVM's string table holds them weakly: a string no object keeps is
 * collected); an empty map of unknown fields is replaced by one shared immutable empty map. Objects read from the API
 * server are therefore never to have unknown fields added in place; builders copy them into maps of their own. Lists
 * are trimmed to their size (a list of one condition or hostname otherwise reserves room for ten) and stay mutable.
 */
public final class CompactSerialization {

  /** Longer strings (certificates, JSON blobs) are rarely repeated; the string table need not hold them. */
  static final int LONGEST_SHARED = 256;

  private CompactSerialization() {
  }

  public static KubernetesSerialization create() {
    ObjectMapper mapper = new ObjectMapper();
    mapper.registerModule(new SimpleModule("compact-objects")
        .addDeserializer(String.class, new SharedStrings())
        .setDeserializerModifier(new Compacting()));
    return new KubernetesSerialization(mapper, true);
  }

  private static final class SharedStrings extends StdScalarDeserializer<String> {

    SharedStrings() {
      super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      String value = StringDeserializer.instance.deserialize(parser, context);
      return value != null && value.length() <= LONGEST_SHARED ? value.intern() : value;
    }
  }

  private static final class Compacting extends BeanDeserializerModifier {

    @Override
    public JsonDeserializer<?> modifyCollectionDeserializer(DeserializationConfig config, CollectionType type,
        BeanDescription description, JsonDeserializer<?> deserializer) {
      return new TrimmedLists(deserializer);
    }

    /** For every model with a map of unknown fields (fabric8's {@code additionalProperties}). */
    @Override
    public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
        JsonDeserializer<?> deserializer) {
      AnnotatedMethod getter = description.findMethod("getAdditionalProperties", new Class<?>[0]);
      AnnotatedMethod setter = description.findMethod("setAdditionalProperties", new Class<?>[] {Map.class});
      if (getter == null || setter == null || description.findAnySetterAccessor() == null) {
        return deserializer;
      }
      getter.fixAccess(true);
      setter.fixAccess(true);
      return new Sharing(deserializer, getter, setter);
    }
  }

  private static final class TrimmedLists extends DelegatingDeserializer {

    TrimmedLists(JsonDeserializer<?> delegate) {
      super(delegate);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
      return new TrimmedLists(delegate);
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      Object collection = super.deserialize(parser, context);
      if (collection instanceof ArrayList<?> list) {
        list.trimToSize();
      }
      return collection;
    }
  }

  private static final class Sharing extends DelegatingDeserializer {

    private final AnnotatedMethod getter;
    private final AnnotatedMethod setter;

    Sharing(JsonDeserializer<?> delegate, AnnotatedMethod getter, AnnotatedMethod setter) {
      super(delegate);
      this.getter = getter;
      this.setter = setter;
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
      return new Sharing(delegate, getter, setter);
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      Object bean = super.deserialize(parser, context);
      if (bean != null) {
        try {
          if (getter.callOn(bean) instanceof Map<?, ?> unknown && unknown.isEmpty()) {
            setter.callOnWith(bean, Collections.emptyMap());
          }
        } catch (Exception e) {
          throw new IllegalStateException("cannot share the empty unknown fields of " + bean.getClass(), e);
        }
      }
      return bean;
    }
  }
}
