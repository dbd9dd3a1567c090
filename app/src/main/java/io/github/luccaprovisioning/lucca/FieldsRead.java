package io.github.luccaprovisioning.lucca;

import java.util.Collection;

/** Whatever reads fields of a Lucca record says which ones (dotted paths), so that the directory read asks for them. */
public interface FieldsRead {

    Collection<String> luccaFields();
}
