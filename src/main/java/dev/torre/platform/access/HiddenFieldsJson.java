package dev.torre.platform.access;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;

import dev.torre.platform.crypto.Sealer;
import io.quarkus.arc.Arc;
import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Leaves the fields the caller may not see out of every JSON body Torre writes — single
 * records, pages, exports — whatever endpoint produced them: the views of governed types
 * are written by writers that ask {@link AccessPolicies} first, and custom properties pass
 * through {@link PropertyAccess#visible}: sensitive ones opened only for the roles allowed
 * to read them, and no sealed value written at all.
 */
@Singleton
public class HiddenFieldsJson implements ObjectMapperCustomizer {

    @Inject
    Instance<GuardedType> types;

    @Override
    public void customize(ObjectMapper mapper) {
        Map<Class<?>, GuardedType> byView = types.stream().collect(Collectors.toMap(GuardedType::view, t -> t));
        mapper.registerModule(new SimpleModule("torre-hidden-fields").setSerializerModifier(new BeanSerializerModifier() {
            @Override
            public List<BeanPropertyWriter> changeProperties(SerializationConfig config, BeanDescription bean,
                    List<BeanPropertyWriter> writers) {
                GuardedType type = byView.get(bean.getBeanClass());
                if (type == null) {
                    return writers;
                }
                BeanPropertyWriter id = writers.stream().filter(w -> "id".equals(w.getName())).findFirst().orElse(null);
                return writers.stream()
                        .map(w -> type.fields().contains(w.getName()) ? new Guarded(w, type.name(), id) : w)
                        .toList();
            }
        }));
    }

    /** Writes its field only when the current caller may see it. */
    static final class Guarded extends BeanPropertyWriter {
        private static final String PROPERTIES = "properties";
        private final String type;
        private final BeanPropertyWriter id;

        Guarded(BeanPropertyWriter base, String type, BeanPropertyWriter id) {
            super(base);
            this.type = type;
            this.id = id;
        }

        @Override
        public void serializeAsField(Object bean, JsonGenerator gen, SerializerProvider provider) throws Exception {
            if (hidden(type).contains(getName())) {
                return;
            }
            if (PROPERTIES.equals(getName()) && get(bean) instanceof Map<?, ?> properties) {
                @SuppressWarnings("unchecked")
                Map<String, Object> stored = (Map<String, Object>) properties;
                // outside a request nobody's roles apply, and a sealed value is never written
                Map<String, Object> visible = Arc.container().requestContext().isActive() && id != null
                        ? Arc.container().instance(PropertyAccess.class).get().visible(type, (UUID) id.get(bean), stored)
                        : Sealer.withoutSealed(stored);
                gen.writeFieldName(getName());
                provider.defaultSerializeValue(visible, gen);
                return;
            }
            super.serializeAsField(bean, gen, provider);
        }
    }

    /** Outside a request (jobs, exports written for storage) nothing is hidden: the policy is about callers. */
    static Set<String> hidden(String type) {
        if (!Arc.container().requestContext().isActive()) {
            return Set.of();
        }
        return Arc.container().instance(AccessPolicies.class).get().hiddenFields(type);
    }
}
