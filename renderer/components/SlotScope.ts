/**
 * Renders a slot in a component of its own. What a slot's content reads is tracked by the
 * component that calls the slot: without this, every key typed into a screen's entry re-ran the
 * whole ScreenFrame (title, step, navigation, footer) and every other part of the screen's body
 * with it, once a key. Inside a scope of its own, a change re-renders that slot's content only;
 * when the host re-renders for its own reasons, the scope is left alone unless the slot changed.
 */
import { defineComponent, type PropType, type Slot } from 'vue'

export default defineComponent({
  name: 'SlotScope',
  props: {
    /** The slot to render (`$slots.default`); nothing when absent. */
    render: { type: Function as PropType<Slot | undefined>, default: undefined },
  },
  setup(props) {
    return () => props.render?.()
  },
})
