package dev.torre.platform.access;

import java.util.List;
import java.util.Map;
import java.util.Set;
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

import dev.torre.platform.properties.PropertyDefinitions;
import io.quarkus.arc.Arc;
import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Leaves the fields the caller may not see out of every JSON body Torre writes — single
 * records, pages, exports — whatever endpoint produced them: the views of governed types
 * are written by writers that ask {@link AccessPolicies} first, and sensitive custom
 * properties are opened only for the roles allowed to read them.
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
                return writers.stream()
                        .map(w -> type.fields().contains(w.getName()) ? new Guarded(w, type.name()) : w)
                        .toList();
            }
        }));
    }

    /** Writes its field only when the current caller may see it. */
    static final class Guarded extends BeanPropertyWriter {
        private static final String PROPERTIES = "properties";
        private final String type;

        Guarded(BeanPropertyWriter base, String type) {
            super(base);
            this.type = type;
        }

        @Override
        public void serializeAsField(Object bean, JsonGenerator gen, SerializerProvider provider) throws Exception {
            if (hidden(type).contains(getName())) {
                return;
            }
            if (PROPERTIES.equals(getName()) && get(bean) instanceof Map<?, ?> properties && Arc.container().requestContext().isActive()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> visible = Arc.container().instance(PropertyDefinitions.class).get()
                        .visible(type, (Map<String, Object>) properties);
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
