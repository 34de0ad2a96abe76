// Progressive enhancement of the provenance popovers: the `popovertarget` buttons already open
// on click, tap and Enter without this script. With it, a popover also opens while its number
// is hovered or focused, so keyboard and mouse readers see a number's derivation as they pass.
for (const button of document.querySelectorAll('button.figure[popovertarget]')) {
  const popover = document.getElementById(button.getAttribute('popovertarget'))
  if (!popover || typeof popover.showPopover !== 'function') continue
  let timer
  let openedAt = 0
  const show = () => {
    clearTimeout(timer)
    if (popover.matches(':popover-open')) return
    popover.showPopover({ source: button })
    openedAt = performance.now()
  }
  // A click focuses the button first (which opened the popover): don't let the click's own
  // toggle close it again straight away.
  button.addEventListener('click', (event) => {
    if (performance.now() - openedAt < 400) event.preventDefault()
  })
  const hideSoon = () => {
    clearTimeout(timer)
    timer = setTimeout(() => {
      if (
        popover.matches(':popover-open') &&
        !popover.matches(':hover') &&
        !popover.contains(document.activeElement)
      )
        popover.hidePopover()
    }, 250)
  }
  button.addEventListener('focus', show)
  button.addEventListener('blur', hideSoon)
  button.addEventListener('mouseenter', () => {
    clearTimeout(timer)
    timer = setTimeout(show, 200)
  })
  button.addEventListener('mouseleave', hideSoon)
  popover.addEventListener('mouseleave', hideSoon)
}
